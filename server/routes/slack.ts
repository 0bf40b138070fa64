// POST /slack/events (issue 7): registered by server/app.ts; not built yet.
import type { FastifyPluginAsync } from 'fastify';
import type { SharedDeps } from '../bot-deps.ts';

export const slackRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async () => {};
