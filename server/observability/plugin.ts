// The `observability` Fastify plugin: every request's latency into pulse_http_request_duration_seconds by route
// pattern (never the raw URL: `/r/:token`, and `unmatched` for 404s), and its request id echoed in the
// `x-request-id` response header. Registered at the root (skip-override, as fastify-plugin does) so its
// hooks see every route; register it before the routes.
import type { FastifyPluginCallback } from 'fastify';
import { REQUEST_ID_HEADER } from './logging.ts';
import { observeHttp } from './registry.ts';

const plugin: FastifyPluginCallback = (app, _opts, done) => {
  app.addHook('onRequest', (req, reply, next) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    next();
  });
  app.addHook('onResponse', (req, reply, next) => {
    observeHttp(req.routeOptions.url, req.method, reply.statusCode, reply.elapsedTime);
    next();
  });
  done();
};

export const observability = Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'observability',
});
