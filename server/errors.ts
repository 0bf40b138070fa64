// One error handler: domain errors to status codes; 5xx text is never shown to the caller.
import type { FastifyInstance, FastifyError } from 'fastify';
import { BadInput, Forbidden, NotFound, NotLinked, SchemaNotReady, TierLimit } from '../core/errors.ts';

function statusOf(err: Error & { statusCode?: number }): number {
  if (err instanceof BadInput) return 400;
  if (err instanceof Forbidden) return 403;
  if (err instanceof NotFound || err instanceof NotLinked) return 404;
  if (err instanceof TierLimit) return 402;
  if (err instanceof SchemaNotReady) return 503;
  return err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = statusOf(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status >= 500 ? 'Internal error' : err.message;
    return reply.status(status).send({ error: message, statusCode: status });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: `No route ${req.method} ${req.url.split('?')[0]}`, statusCode: 404 }),
  );
}
