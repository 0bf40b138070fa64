// A per-address request limit for the link and dashboard routes: through the app's @fastify/rate-limit when
// the root registered it (the edge limits, keyed by the client address as TRUST_PROXY says), else through
// one registered in this scope.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

export interface RequestLimit {
  max: number;
  timeWindowMs: number;
}

export async function limitRequests(app: FastifyInstance, limit: RequestLimit): Promise<void> {
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  app.addHook(
    'onRequest',
    app.rateLimit({ max: limit.max, timeWindow: limit.timeWindowMs }) as onRequestAsyncHookHandler,
  );
}
