// The install-grant contract the Slack and Discord install flows build on: a signed, 15-minute, single-use
// proof that a Whop user administers a company, and binding a workspace with it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindWorkspaceWithProof, redeemInstallGrant, signInstallGrant } from '../../core/linking/install-grant.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures } from '../helpers/fixtures.ts';

const secret = 'install-grant-test-secret-0123456789abcdef';
const t0 = new Date('2026-12-06T12:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

let db: TestDatabase;
let pool: pg.Pool;
let companyA: number;
let companyB: number;
let uninstalled: number;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  const fx = fixtures(pool);
  companyA = (await fx.company({ name: 'A' })).id;
  companyB = (await fx.company({ name: 'B' })).id;
  uninstalled = (await fx.company({ name: 'Gone' })).id;
  await pool.query(
    `update companies set whop_installation_id = 'aag_' || id, installed_at = now() where id = any($1)`,
    [[companyA, companyB, uninstalled]],
  );
  await pool.query(`update companies set uninstalled_at = now() where id = $1`, [uninstalled]);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('install grants', () => {
  it('redeems a genuine grant once, with what was signed', async () => {
    const token = signInstallGrant(
      secret,
      { companyId: companyA, whopUserId: 'user_admin', linkRequestId: '0b6f8a52-6a43-4c4e-9d0e-3f0c3a6b2f11' },
      t0,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await redeemInstallGrant(pool, secret, token, minutes(14))).toEqual({
      companyId: companyA,
      whopUserId: 'user_admin',
      linkRequestId: '0b6f8a52-6a43-4c4e-9d0e-3f0c3a6b2f11',
    });
    expect(await redeemInstallGrant(pool, secret, token, minutes(14))).toBeNull();
  });

  it('refuses an expired grant, and a grant signed with another secret', async () => {
    const token = signInstallGrant(secret, { companyId: companyA, whopUserId: 'user_admin' }, t0);
    expect(await redeemInstallGrant(pool, secret, token, minutes(15))).toBeNull();
    const other = signInstallGrant(`${secret}-other`, { companyId: companyA, whopUserId: 'user_admin' }, t0);
    expect(await redeemInstallGrant(pool, secret, other, minutes(1))).toBeNull();
    // Still redeemable within its window: the expired attempt consumed nothing.
    expect(await redeemInstallGrant(pool, secret, token, minutes(14))).toEqual({
      companyId: companyA,
      whopUserId: 'user_admin',
    });
  });

  it('refuses a grant whose payload was changed to another company', async () => {
    const token = signInstallGrant(secret, { companyId: companyA, whopUserId: 'user_admin' }, t0);
    const [body, mac] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, c: companyB })).toString('base64url')}.${mac}`;
    expect(await redeemInstallGrant(pool, secret, forged, minutes(1))).toBeNull();
    expect(await redeemInstallGrant(pool, secret, 'not-a-token', minutes(1))).toBeNull();
  });
});

describe('bindWorkspaceWithProof', () => {
  it('binds a new workspace, rebinds it to the same company, refuses another company', async () => {
    const first = await bindWorkspaceWithProof(pool, {
      platform: 'slack',
      externalId: 'T_GRANT',
      companyId: companyA,
      linkedBy: 'whop:user_admin',
    });
    expect(first).toMatchObject({
      ok: true,
      created: true,
      link: { companyId: companyA, platform: 'slack', externalId: 'T_GRANT' },
    });
    const again = await bindWorkspaceWithProof(pool, {
      platform: 'slack',
      externalId: 'T_GRANT',
      companyId: companyA,
      linkedBy: 'whop:user_admin',
    });
    expect(again).toMatchObject({ ok: true, created: false });
    const moved = await bindWorkspaceWithProof(pool, {
      platform: 'slack',
      externalId: 'T_GRANT',
      companyId: companyB,
      linkedBy: 'whop:user_b',
    });
    expect(moved).toEqual({ ok: false, reason: 'linked-to-another-company' });
    const { rows } = await pool.query(
      `select company_id from workspace_links where platform = 'slack' and external_id = 'T_GRANT'`,
    );
    expect(rows).toEqual([{ company_id: String(companyA) }]);
  });

  it('lets a second workspace join a company that already has one', async () => {
    const second = await bindWorkspaceWithProof(pool, {
      platform: 'discord',
      externalId: '900000000000000001',
      companyId: companyA,
      linkedBy: 'whop:user_admin',
    });
    expect(second).toMatchObject({ ok: true, created: true, link: { companyId: companyA } });
  });

  it('refuses a company that uninstalled Pulse', async () => {
    const r = await bindWorkspaceWithProof(pool, {
      platform: 'discord',
      externalId: '900000000000000002',
      companyId: uninstalled,
      linkedBy: 'whop:user_admin',
    });
    expect(r).toEqual({ ok: false, reason: 'company-not-installed' });
    const { rows } = await pool.query(`select 1 from workspace_links where external_id = '900000000000000002'`);
    expect(rows).toHaveLength(0);
  });
});
