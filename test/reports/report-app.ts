// The real app (server/app.ts buildApp) on a fresh database holding the report fixture, with a clock the
// tests move, and a link maker for it.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { createReportLinks, type ReportLinkService } from '../../core/reports/report-links.service.ts';
import { buildApp } from '../../server/app.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { testPool } from '../revenue/pool.ts';
import { asOf, buildReportFixture, type ReportFixture } from './report-fixture.ts';

export const secret = 'p'.repeat(48);

export interface ReportApp {
  db: TestPool;
  pool: pg.Pool;
  f: ReportFixture;
  app: FastifyInstance;
  clock: { now: Date };
  /** Links signed with the app's secret, their URLs under `publicUrl`. */
  links(publicUrl?: string): ReportLinkService;
  close(): Promise<void>;
}

export async function startReportApp(opts: { logger?: object } = {}): Promise<ReportApp> {
  const db = await withPool();
  const pool = testPool(db.url, 6);
  const f = await buildReportFixture(pool);
  const clock = { now: asOf };
  const config = loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: secret, PUBLIC_URL: 'http://reports.test' });
  const app = await buildApp({ config, db: db.pool, logger: opts.logger ?? false, now: () => clock.now });
  return {
    db,
    pool,
    f,
    app,
    clock,
    links: (publicUrl = 'http://reports.test') =>
      createReportLinks({ db: pool, secret, publicUrl, now: () => clock.now }),
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** '/r/<token>' of a link URL. */
export const pathOf = (url: string): string => new URL(url).pathname;
