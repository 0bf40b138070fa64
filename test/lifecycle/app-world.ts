// A world for Pulse as a Whop app: a fresh database, a fake Whop that knows the app (installations, Pulse's
// own company selling the Pro and Enterprise plans, checkouts), and the real Fastify app listening on a
// loopback port with the app's webhook secret; the fake's app webhooks are delivered, signed, to it.
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { buildJobContext, type Deliverers, type JobContext } from '../../server/jobs/context.ts';
import type { FakeCompanyData } from '../../demo/fake-whop/dataset.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import type { WebhookTarget } from '../../demo/fake-whop/webhook-sender.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

export const PRO_PLAN = 'plan_pulsepro01';
export const ENTERPRISE_PLAN = 'plan_pulseent01';
export const APP_SECRET = 'ws_app0c0ffee7a1b2c3d4e5f60718293a4b';
export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface AppWorld {
  db: TestDatabase;
  pool: pg.Pool;
  fake: FakeWhop;
  config: Config;
  app: FastifyInstance;
  target: WebhookTarget;
  /** A job context on the world's pool with this clock (and deliverers). */
  jobs(now: () => Date, deliverers?: Deliverers): JobContext;
  close(): Promise<void>;
}

export async function appWorld(
  opts: { companies?: FakeCompanyData[]; env?: Record<string, string>; apiKeys?: Record<string, string> } = {},
): Promise<AppWorld> {
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  pool.on('error', () => undefined);
  const fake = await startFakeWhop({
    dataset: { companies: opts.companies ?? [] },
    apiKeys: opts.apiKeys,
    app: {
      appId: 'app_pulsetest',
      ownerCompanyId: 'biz_pulseowner',
      plans: { pro: PRO_PLAN, enterprise: ENTERPRISE_PLAN },
    },
  });
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: 'lifecycle-test-secret-0123456789abcdef01',
    WHOP_WEBHOOK_SECRET: APP_SECRET,
    WHOP_API_BASE_URL: fake.url,
    WHOP_API_KEY: defaultFakeApiKey,
    WHOP_APP_ID: 'app_pulsetest',
    PUBLIC_URL: 'https://pulse.example',
    PULSE_PLAN_PRO: PRO_PLAN,
    PULSE_PLAN_ENTERPRISE: ENTERPRISE_PLAN,
    ERASE_GRACE_DAYS: '7',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const app = await buildApp({ config, db: pool, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const target = { url: `http://127.0.0.1:${port}/webhooks/whop`, secret: APP_SECRET };
  fake.mutations.target = target;
  const abort = new AbortController();
  return {
    db,
    pool,
    fake,
    config,
    app,
    target,
    jobs: (now, deliverers) => buildJobContext({ config, pool, log: silentLog, signal: abort.signal, now, deliverers }),
    close: async () => {
      abort.abort();
      await app.close();
      await fake.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** The company row Pulse keeps for a Whop company. */
export async function companyRow(
  pool: pg.Pool,
  whopCompanyId: string,
): Promise<(Record<string, unknown> & { id: string; tier: string }) | undefined> {
  const { rows } = await pool.query('select * from companies where whop_company_id = $1', [whopCompanyId]);
  return rows[0];
}
