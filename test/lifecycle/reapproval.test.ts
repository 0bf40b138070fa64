// Whop refusing a read for a permission the creator has not approved (403 insufficient_scope) marks the company
// "needs re-approval": the request is not retried, later syncs make no request at all, nothing already synced is
// deleted, /pulse status says so, and the next install event (the creator approved again) clears it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { simCompany } from '../whop/world.ts';
import { appWorld, companyRow, silentLog, type AppWorld } from './app-world.ts';

const GUILD = '855000000000000001';
const actor = { platform: 'discord' as const, userId: '111000000000000005', isAdmin: true, roleIds: [] };

describe('a permission Whop refuses', () => {
  let w: AppWorld;
  let id: number;
  const data = simCompany(8, 10, 'biz_scoped01');
  const biz = data.company.id;
  const sync = () =>
    syncAndRefresh(
      w.jobs(() => new Date('2026-11-01T12:00:00Z')),
      id,
      'incremental',
      { name: 'test' },
    );

  beforeAll(async () => {
    w = await appWorld({ companies: [data] });
    await w.fake.app.install(biz, 'Scoped');
    id = Number((await companyRow(w.pool, biz))!.id);
    await linkWorkspace(w.pool, { platform: 'discord', externalId: GUILD, companyId: id, linkedBy: 'discord:owner' });
  });
  afterAll(() => w?.close());

  it('marks the company, does not retry, and keeps what was synced', async () => {
    w.fake.app.refuse('/payments', biz);
    expect(await sync()).toBe('needs-reapproval');
    const row = await companyRow(w.pool, biz);
    expect(row!.needs_reapproval_at).toBeInstanceOf(Date);
    expect(row!.needs_reapproval_reason).toMatch(/^insufficient_scope - /);
    expect(w.fake.stats().byPath['/payments']).toBe(1);
    const members = await w.pool.query<{ n: number }>('select count(*)::int as n from members where company_id = $1', [
      id,
    ]);
    expect(members.rows[0]!.n).toBeGreaterThan(0);
    const requests = w.fake.stats().requests;
    expect(await sync()).toBe('needs-reapproval');
    expect(w.fake.stats().requests).toBe(requests);
    expect(
      (await w.pool.query<{ n: number }>('select count(*)::int as n from members where company_id = $1', [id])).rows[0]!
        .n,
    ).toBe(members.rows[0]!.n);
  });

  it("is shown in /pulse status with Whop's reason and where to approve again", async () => {
    const a = await runCommand(
      { config: w.config, db: w.pool, now: () => new Date(), log: silentLog },
      { platform: 'discord', workspaceId: GUILD, actor, channelId: null, name: 'pulse status', options: {} },
    );
    const field = a.fields.find((f) => f.label === 'Whop access');
    expect(field?.value).toMatch(
      /^Whop refused a read .*: insufficient_scope - The app has not been granted the permission payments needs\./,
    );
    expect(field?.value).toContain('https://whop.com/apps/app_pulsetest/install');
  });

  it('is cleared by the next install event, and the sync runs again', async () => {
    w.fake.app.refusals.clear();
    expect((await w.fake.app.install(biz, 'Scoped')).delivery?.status).toBe(200);
    expect((await companyRow(w.pool, biz))!.needs_reapproval_at).toBeNull();
    expect(await sync()).toBe('done');
  });
});
