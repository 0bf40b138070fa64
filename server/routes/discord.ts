// POST /discord/interactions (issue 6): registered by server/app.ts; not built yet.
import type { FastifyPluginAsync } from 'fastify';
import type { SharedDeps } from '../bot-deps.ts';

export const discordRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async () => {};
