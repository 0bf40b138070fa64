// `pulse demo`'s link page: on its fake Whop with no OAuth client configured, the demo registers one (redirect
// URL on the demo server) and a demo owner who administers the demo company, so the printed link page can be
// clicked through; a configured client or a real Whop is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { DEMO_GUILD, demoLinkPage, demoSignInConfig } from '../../demo/seed/link-page.ts';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { fixtures } from '../helpers/fixtures.ts';
import { testPool } from '../revenue/pool.ts';
import { callbackPath, linkPath, signInAt, workspaceLink } from './link-rig.ts';

const DEMO_BIZ = 'biz_demoLink01';
let fake: FakeWhop;
let db: TestPool;
let pool: pg.Pool;
let app: FastifyInstance;
let config: Config;
let companyId: number;

beforeAll(async () => {
  fake = await startFakeWhop({ dataset: { companies: [emptyCompany(DEMO_BIZ, 'Demo Co')] } });
  db = await withPool();
  pool = testPool(db.url, 3);
  companyId = (await fixtures(pool).company({ whopId: DEMO_BIZ, name: 'Demo Co' })).id;
  await pool.query(`update companies set whop_installation_id = 'aag_demo', installed_at = now() where id = $1`, [
    companyId,
  ]);
  const base = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: 'demo-link-secret-0123456789abcdefghijk',
    PUBLIC_URL: 'http://demo.test',
    WHOP_API_BASE_URL: fake.url,
  });
  config = demoSignInConfig(base, fake, DEMO_BIZ);
  app = await buildApp({ config, db: db.pool, logger: false });
});
afterAll(async () => {
  await app?.close();
  await pool?.end();
  await db?.drop();
  await fake?.close();
});

describe('the demo link page', () => {
  it('configures sign-in against the fake only when nothing is configured', () => {
    expect(config.WHOP_CLIENT_ID).toBe('app_pulse_demo');
    expect(config.WHOP_OAUTH_BASE_URL).toBe(`${new URL(fake.url).origin}/oauth`);
    expect(fake.identity.clients.get('app_pulse_demo')?.redirectUris).toEqual(['http://demo.test/auth/whop/callback']);
    const configured = { ...config, WHOP_CLIENT_ID: 'app_mine' };
    expect(demoSignInConfig(configured, fake, DEMO_BIZ)).toBe(configured);
    const real = { ...config, WHOP_CLIENT_ID: undefined, WHOP_API_BASE_URL: 'https://api.whop.com/api/v1' };
    expect(demoSignInConfig(real, fake, DEMO_BIZ)).toBe(real);
  });

  it('prints a link page the demo owner can click through to "Linked"', async () => {
    const url = await demoLinkPage(pool, config);
    expect(url).toMatch(/^http:\/\/demo\.test\/link\/[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}$/);
    const { token } = linkPath(url!);
    const { callback, cookie } = await signInAt({ app, fake }, token, fake.identity.sessionUserId);
    const picker = await app.inject({ method: 'GET', url: callbackPath(callback), headers: { cookie } });
    expect(picker.body).toContain('>Link to Demo Co</button>');
    const done = await app.inject({
      method: 'POST',
      url: `/link/${token}/company`,
      payload: `company=${DEMO_BIZ}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(200);
    expect(await workspaceLink(pool, 'discord', DEMO_GUILD)).toEqual({
      company_id: String(companyId),
      linked_by: 'demo',
    });
  });
});
