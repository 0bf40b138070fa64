// Metrics, request ids and log redaction (issue 11). What other modules use:
//   observability (Fastify plugin), observabilityServerOptions / loggerOptions / genReqId (Fastify options),
//   metricsRegistry(pool) (/metrics), observeJob / countDelivery (jobs), instrumentAgenda (worker).
import type pg from 'pg';
import { Registry } from 'prom-client';
import { databaseGauges } from './database-gauges.ts';
import { processRegistry } from './registry.ts';

export { observability } from './plugin.ts';
export { genReqId, loggerOptions, observabilityServerOptions, redactPaths, REQUEST_ID_HEADER } from './logging.ts';
export { redactLine, redactText } from './redact.ts';
export { countDelivery, observeHttp, observeJob, processRegistry, type DeliveryOutcome } from './registry.ts';
export { instrumentAgenda } from './agenda.ts';

/** What /metrics serves: the process's metrics plus the database gauges read through `pool`. */
export function metricsRegistry(pool: Pick<pg.Pool, 'connect'>, opts: { maxAgeMs?: number } = {}): Registry {
  return Registry.merge([processRegistry, databaseGauges(pool, opts)]);
}
