// GET /healthz (process alive) and /readyz (database reachable and migrated). Readiness is checked at most once
// per `readyCacheMs` (1 s) however many probes ask (concurrent ones share the check in flight): a flood of
// /readyz costs no more than one database round-trip and one migrations read a second. /metrics is not here: it
// has its own listener (server/observability/metrics-app.ts).
import type { FastifyPluginAsync } from 'fastify';
import type pg from 'pg';
import { pendingMigrations } from '../../core/db/migrate.ts';
import { ping } from '../../core/db/ping.ts';
import { countReadinessCheck } from '../observability/index.ts';

export interface HealthRouteOptions {
  db: pg.Pool;
  /** Milliseconds clock of the readiness cache (tests step it); default Date.now. */
  clock?: () => number;
  /** How long one readiness check answers for (default 1,000 ms). */
  readyCacheMs?: number;
}

type Readiness = { ready: true } | { ready: false; reason: string };

/** A readiness check that waits for nothing longer than `limitMs` (an unreachable database: connect timeout). */
async function checkReadiness(db: pg.Pool, limitMs: number): Promise<Readiness> {
  countReadinessCheck();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: 'database check timed out' }), limitMs);
    timer.unref();
  });
  const check = (async (): Promise<Readiness> => {
    try {
      await ping(db);
      const pending = await pendingMigrations(db);
      return pending.length > 0 ? { ready: false, reason: `${pending.length} pending migrations` } : { ready: true };
    } catch {
      return { ready: false, reason: 'database unreachable' };
    }
  })();
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (
  app,
  { db, clock = Date.now, readyCacheMs = 1_000 },
) => {
  let last: { at: number; value: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;
  const readiness = (): Promise<Readiness> => {
    if (last && clock() - last.at < readyCacheMs) return Promise.resolve(last.value);
    if (!running) {
      const at = clock();
      running = checkReadiness(db, 4_000).then((value) => {
        last = { at, value };
        running = undefined;
        return value;
      });
    }
    return running;
  };

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const r = await readiness();
    return r.ready ? { status: 'ready' } : reply.status(503).send({ status: 'unready', reason: r.reason });
  });
};
