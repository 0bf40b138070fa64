// Uninstalling Pulse on Whop: at once nothing is posted (a due digest is not claimed, an alert claimed before
// fails for good), nothing is scheduled or synced, the workspace link and report links stop answering; after the
// grace period (injected clock) every row of the company goes from every table holding company rows (read from
// the schema), its Agenda jobs and finally the company row, while another company's rows are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { Answer } from '../../bot/answer.ts';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import type { Deliverer, Destination } from '../../bot/deliverer.ts';
import { companyOwnedTables } from '../../core/lifecycle/erase-company.ts';
import { CompanyRemoved } from '../../core/lifecycle/company-state.ts';
import { openReportLink } from '../../core/reports/report-links.service.ts';
import { findTenant } from '../../core/tenancy/index.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { retryDeliveries } from '../../server/jobs/deliveries-retry.ts';
import { scanDigests } from '../../server/jobs/digests-scan.ts';
import { eraseDueCompanies } from '../../server/jobs/erase-due.ts';
import { scheduleCompanies } from '../../server/jobs/schedule.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { appWorld, companyRow, silentLog, type AppWorld } from './app-world.ts';
import { populate, rowCounts, type Populated } from './populate.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const SECRET = 'lifecycle-test-secret-0123456789abcdef01';
const GUILD_A = '853000000000000001';
const GUILD_B = '853000000000000002';
const CHANNEL_A = '753000000000000001';
const CHANNEL_B = '753000000000000002';
const actor = { platform: 'discord' as const, userId: '111000000000000009', isAdmin: true, roleIds: [] };

class RecordingDeliverer implements Deliverer {
  readonly platform = 'discord' as const;
  readonly posts: Array<{ destination: Destination; answer: Answer }> = [];
  async post(destination: Destination, answer: Answer) {
    this.posts.push({ destination, answer });
    return { messageId: `m${this.posts.length}` };
  }
  async edit(destination: Destination, _messageId: string, answer: Answer) {
    this.posts.push({ destination, answer });
  }
}

describe('uninstall: stop at once, erase after the grace period', () => {
  let w: AppWorld;
  let a: CompanyFixture;
  let b: CompanyFixture;
  let pa: Populated;
  let pb: Populated;
  let tables: Awaited<ReturnType<typeof companyOwnedTables>>;
  let before: { a: Record<string, number> };
  let eraseAfter: Date;

  beforeAll(async () => {
    w = await appWorld();
    a = await fixtures(w.pool).company({ whopId: 'biz_leaver01', name: 'Leaver', tier: 'pro' });
    b = await fixtures(w.pool).company({ whopId: 'biz_stayer01', name: 'Stayer', tier: 'pro' });
    pa = await populate(w.pool, a, { guild: GUILD_A, channel: CHANNEL_A, digestHour: 12, now: NOW });
    pb = await populate(w.pool, b, { guild: GUILD_B, channel: CHANNEL_B, digestHour: 12, now: NOW });
    expect((await w.fake.app.install(a.whopId, 'Leaver')).delivery?.status).toBe(200);
    tables = await companyOwnedTables(w.pool);
    before = { a: await rowCounts(w.pool, a.id, a.whopId, tables) };
    const installation = [...w.fake.app.installations.values()].find((i) => i.account.id === a.whopId)!;
    expect((await w.fake.app.uninstall(installation.id)).delivery?.status).toBe(200);
    eraseAfter = (await companyRow(w.pool, a.whopId))!.erase_after as Date;
  });
  afterAll(() => w?.close());

  it('had rows of both companies in the tables it is about to empty', () => {
    const filled = Object.entries(before.a)
      .filter(([, n]) => n > 0)
      .map(([t]) => t);
    expect(filled.length).toBeGreaterThanOrEqual(25);
    expect(filled).toEqual(
      expect.arrayContaining([
        'members',
        'payments',
        'activity_events',
        'revenue_daily',
        'churn_predictions',
        'workspace_links',
        'report_links',
        'deliveries',
        'coach_conversations',
        'webhook_inbox',
        'webhook_inbox.whop_company_id',
        'agenda_jobs',
      ]),
    );
  });

  it('posts nothing more for the uninstalled company: a due digest is not claimed, a claimed alert fails for good', async () => {
    const discord = new RecordingDeliverer();
    const ctx = w.jobs(() => NOW, { discord });
    const scan = await scanDigests(ctx, NOW);
    expect(scan.claimed.map((c) => c.companyId)).toEqual([b.id]);
    const retried = await retryDeliveries(ctx, () => new Date(NOW.getTime() + 5 * 60_000));
    expect(retried.map((o) => o.status).sort()).toEqual(['failed', 'posted']);
    expect(discord.posts.map((p) => p.destination.channelId)).toEqual([CHANNEL_B, CHANNEL_B]);
    const { rows } = await w.pool.query('select status, error from deliveries where id = $1', [pa.deliveryIds[0]]);
    expect(rows[0]).toMatchObject({ status: 'failed' });
    expect(rows[0].error).toMatch(/company_removed/);
  });

  it('schedules and syncs nothing for it', async () => {
    const agenda = new Agenda({
      backend: new PostgresBackend({ connectionString: w.db.url, ensureSchema: false, disableNotifications: true }),
    });
    await agenda.ready;
    try {
      expect(await scheduleCompanies(agenda, w.pool)).toBe(1);
    } finally {
      await agenda.stop();
    }
    const nightly = await w.pool.query<{ company: string; n: number }>(
      `select data->>'companyId' as company, count(*)::int as n from agenda_jobs where name in ('whop:reconcile-company', 'churn:nightly') group by 1 order by 1`,
    );
    expect(nightly.rows).toEqual([{ company: String(b.id), n: 2 }]);
    const requests = w.fake.stats().requests;
    expect(
      await syncAndRefresh(
        w.jobs(() => NOW),
        a.id,
        'incremental',
        { name: 'test' },
      ),
    ).toBe('removed');
    expect(w.fake.stats().requests).toBe(requests);
  });

  it("its workspace and report links stop answering; the other company's still do", async () => {
    await expect(findTenant(w.pool, 'discord', GUILD_A)).rejects.toBeInstanceOf(CompanyRemoved);
    const answer = await runCommand(
      { config: w.config, db: w.pool, now: () => NOW, log: silentLog },
      { platform: 'discord', workspaceId: GUILD_A, actor, channelId: null, name: 'revenue', options: {} },
    );
    expect(answer.summary).toMatch(/^Pulse was uninstalled from this Whop company/);
    expect((await findTenant(w.pool, 'discord', GUILD_B))?.company.id).toBe(b.id);
    const open = (token: string) => openReportLink({ db: w.pool, secret: SECRET, now: () => NOW }, token);
    expect(await open(pa.reportToken)).toBeNull();
    expect((await open(pb.reportToken))?.companyId).toBe(b.id);
  });

  it('erases every row of the company once the grace period has passed, and nothing of the other', async () => {
    expect(eraseAfter.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const bBefore = await rowCounts(w.pool, b.id, b.whopId, tables);
    const early = await eraseDueCompanies(
      w.jobs(() => NOW),
      new Date(eraseAfter.getTime() - 60_000),
    );
    expect(early).toEqual({ due: 0, erased: 0, cancelled: 0, failed: 0 });
    expect((await rowCounts(w.pool, a.id, a.whopId, tables)).members).toBe(before.a.members);
    const run = await eraseDueCompanies(
      w.jobs(() => NOW),
      new Date(eraseAfter.getTime() + 1000),
    );
    expect(run).toEqual({ due: 1, erased: 1, cancelled: 0, failed: 0 });
    const after = await rowCounts(w.pool, a.id, a.whopId, await companyOwnedTables(w.pool));
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await rowCounts(w.pool, b.id, b.whopId, tables)).toEqual(bBefore);
    expect(Object.values(bBefore).filter((n) => n > 0).length).toBeGreaterThanOrEqual(25);
    expect(await companyRow(w.pool, a.whopId)).toBeUndefined();
    void pb;
  });
});
