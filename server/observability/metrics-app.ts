// /metrics on a listener of its own (METRICS_PORT), never on the public port: the scrape shows internals (queue
// depths, job failures, model quality) that are nobody else's business, and costs database reads. The public
// app builds it (`app.metricsApp`) and closes it with itself; main.ts listens on it.
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Registry } from 'prom-client';
import { databaseGauges } from './database-gauges.ts';
import { processRegistry } from './registry.ts';

/** What /metrics serves: the process's metrics plus the database gauges read through `pool`. */
export function metricsRegistry(pool: Pick<pg.Pool, 'connect'>, opts: { maxAgeMs?: number } = {}): Registry {
  return Registry.merge([processRegistry, databaseGauges(pool, opts)]);
}

/** A Fastify app serving GET /metrics alone (anything else: 404). */
export function buildMetricsApp(pool: Pick<pg.Pool, 'connect'>, opts: { maxAgeMs?: number } = {}): FastifyInstance {
  const app = Fastify({ logger: false, requestTimeout: 10_000, connectionTimeout: 60_000 });
  const registry = metricsRegistry(pool, opts);
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return app;
}
