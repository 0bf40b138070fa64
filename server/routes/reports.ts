// GET /r/:token report pages (issue 9): registered by server/app.ts; not built yet.
import type { FastifyPluginAsync } from 'fastify';
import type { SharedDeps } from '../bot-deps.ts';

export const reportRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async () => {};
