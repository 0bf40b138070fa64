// The link suites' world: the real app (buildApp) on a fresh database, a fake Whop with people, the Pulse
// OAuth client and a JWKS, companies inserted as the app-installation webhook would leave them (installed,
// not installed, uninstalled), a clock the tests move, and a "browser" that follows the sign-in through the
// fake's consent page with the cookie the app set.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { fixtures } from '../helpers/fixtures.ts';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { testPool } from '../revenue/pool.ts';

export const SECRET = 'link-flow-secret-0123456789abcdefghijkl';
export const PUBLIC_URL = 'http://pulse.test';
export const CLIENT = { id: 'app_pulse_client', secret: 'pulse-client-secret-5b9f' };
export const APP_ID = 'app_pulse';
/** Pulse's own Whop company and the plan that sells Pro. */
export const PULSE_OWNER = 'biz_pulseOwner';
export const PRO_PLAN = 'plan_pulsePro01';
export const people = {
  owner: { id: 'user_owner01', name: 'Olive Owner', username: 'olive' },
  customer: { id: 'user_cust001', name: 'Carl Customer', username: 'carl' },
  stranger: { id: 'user_strang1', name: 'Sam <b>Stranger</b>', username: 'sam' },
};
/** Whop ids: A and B installed Pulse, C never did, D uninstalled it. */
export const biz = { a: 'biz_linkA0001', b: 'biz_linkB0002', c: 'biz_linkC0003', d: 'biz_linkD0004' } as const;

export interface LinkRig {
  db: TestPool;
  pool: pg.Pool;
  fake: FakeWhop;
  app: FastifyInstance;
  config: Config;
  clock: { now: Date };
  companies: Record<keyof typeof biz, number>;
  close(): Promise<void>;
}

export async function startLinkRig(opts: { publicUrl?: string; env?: Record<string, string> } = {}): Promise<LinkRig> {
  const publicUrl = opts.publicUrl ?? PUBLIC_URL;
  const fake = await startFakeWhop({
    dataset: { companies: [...Object.values(biz), PULSE_OWNER].map((id) => emptyCompany(id, `Company ${id}`)) },
    app: { appId: APP_ID, ownerCompanyId: PULSE_OWNER, plans: { pro: PRO_PLAN } },
    identity: {
      users: [
        { ...people.owner, adminOf: [biz.a, biz.b, biz.c, biz.d] },
        { ...people.customer, customerOf: [biz.a] },
        { ...people.stranger, adminOf: [biz.b] },
      ],
      clients: [{ id: CLIENT.id, secret: CLIENT.secret, redirectUris: [`${publicUrl}/auth/whop/callback`] }],
    },
  });
  const db = await withPool();
  const pool = testPool(db.url, 4);
  const fx = fixtures(pool);
  const companies = {} as Record<keyof typeof biz, number>;
  for (const [key, whopId] of Object.entries(biz) as Array<[keyof typeof biz, string]>) {
    companies[key] = (
      await fx.company({ whopId, name: key === 'b' ? 'B & <Co>' : `Company ${key.toUpperCase()}`, tier: 'free' })
    ).id;
  }
  await pool.query(
    `update companies set whop_installation_id = 'aag_' || whop_company_id, installed_at = now() where whop_company_id = any($1)`,
    [[biz.a, biz.b, biz.d]],
  );
  await pool.query(`update companies set uninstalled_at = now() where whop_company_id = $1`, [biz.d]);
  const clock = { now: new Date('2026-12-06T12:00:00Z') };
  const origin = new URL(fake.url).origin;
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: SECRET,
    PUBLIC_URL: publicUrl,
    WHOP_API_BASE_URL: fake.url,
    WHOP_API_KEY: defaultFakeApiKey,
    WHOP_OAUTH_BASE_URL: `${origin}/oauth`,
    WHOP_CLIENT_ID: CLIENT.id,
    WHOP_CLIENT_SECRET: CLIENT.secret,
    WHOP_APP_ID: APP_ID,
    ...opts.env,
  });
  const app = await buildApp({ config, db: db.pool, logger: false, now: () => clock.now });
  return {
    db,
    pool,
    fake,
    app,
    config,
    clock,
    companies,
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
      await fake.close();
    },
  };
}

/** The link's path and token from its URL. */
export function linkPath(url: string): { path: string; token: string } {
  const path = new URL(url).pathname;
  return { path, token: path.replace(/^\/link\//, '') };
}

/** The browser's trip through Whop: start, the consent page, Approve (or Deny); returns the callback URL and cookie. */
export async function signInAt(
  rig: Pick<LinkRig, 'app' | 'fake'>,
  token: string,
  whopUser: string | null,
  decision: 'approve' | 'deny' = 'approve',
  cookie?: string,
): Promise<{ callback: string; cookie: string }> {
  const start = await rig.app.inject({ method: 'GET', url: `/link/${token}/start`, headers: cookie ? { cookie } : {} });
  if (start.statusCode !== 303) throw new Error(`start answered ${start.statusCode}: ${start.body.slice(0, 200)}`);
  const setCookie = String(start.headers['set-cookie'] ?? '');
  const browserCookie = setCookie.split(';')[0]!;
  rig.fake.identity.sessionUserId = whopUser;
  const consent = await fetch(String(start.headers.location));
  const html = await consent.text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!request) throw new Error(`no consent form: ${consent.status} ${html.slice(0, 200)}`);
  const origin = new URL(rig.fake.url).origin;
  const decided = await fetch(`${origin}/oauth/authorize/decision`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, decision }).toString(),
  });
  const callback = decided.headers.get('location');
  if (decided.status !== 302 || !callback) throw new Error(`consent answered ${decided.status}`);
  return { callback, cookie: browserCookie };
}

/** The callback as the browser would fetch it (path and query only: the app is injected). */
export const callbackPath = (callback: string) => {
  const u = new URL(callback);
  return `${u.pathname}${u.search}`;
};

export async function workspaceLink(
  pool: pg.Pool,
  platform: string,
  externalId: string,
): Promise<{ company_id: string; linked_by: string } | undefined> {
  const { rows } = await pool.query<{ company_id: string; linked_by: string }>(
    'select company_id, linked_by from workspace_links where platform = $1 and external_id = $2',
    [platform, externalId],
  );
  return rows[0];
}
