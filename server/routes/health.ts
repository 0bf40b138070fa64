// GET /healthz (process alive), /readyz (database reachable and migrated), /metrics (Prometheus text: the
// process's metrics and the database gauges, server/observability).
import type { FastifyPluginAsync } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pendingMigrations } from '../../core/db/migrate.ts';
import { poolOf } from '../../core/whop/db.ts';
import { metricsRegistry } from '../observability/index.ts';

export const healthRoutes: FastifyPluginAsync<{ orm: MikroORM }> = async (app, { orm }) => {
  const registry = metricsRegistry(await poolOf(orm));

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    try {
      await orm.em.getConnection().execute('select 1');
      const pending = await pendingMigrations(orm);
      if (pending.length > 0) return reply.status(503).send({ status: 'unready', reason: `${pending.length} pending migrations` });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unready', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
};
