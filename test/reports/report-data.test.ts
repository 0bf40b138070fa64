// buildReport on the fixture company (report-fixture.ts), as of its last refresh: figures worked out by hand
// and, for the same period, equal to what the core services behind the bot's answers return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { contentReport } from '../../core/content/content.service.ts';
import { engagementReport } from '../../core/engagement/engagement.service.ts';
import { buildReport } from '../../core/reports/report.service.ts';
import { chartSpec } from '../../server/reports/charts.ts';
import type { ReportJson } from '../../core/reports/report-json.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import { ensureRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { unwrap } from '../helpers/activity-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { testPool } from '../revenue/pool.ts';
import { asOf, buildReportFixture, type ReportFixture } from './report-fixture.ts';

let db: TestDatabase;
let pool: pg.Pool;
let f: ReportFixture;
const expiresAt = new Date('2026-04-08T00:00:00Z');
/** The clock is a day after the last refresh: figures stay as of the refresh. */
const now = new Date('2026-04-02T00:00:00Z');
const report = (kind: ReportJson['kind'], extra: Partial<Parameters<typeof buildReport>[1]> = {}) =>
  buildReport(pool, { companyId: f.co.id, kind, params: {}, expiresAt, now, period: 'last_month', ...extra });

beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url, 8);
  f = await buildReportFixture(pool);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('the overview for last month (March 2026)', () => {
  let r: ReportJson;
  beforeAll(async () => {
    r = await report('overview');
  });

  it('is as of the last refresh, for March in the company zone', () => {
    expect(r).toMatchObject({
      version: 1,
      kind: 'overview',
      asOf: asOf.toISOString(),
      asOfDay: '2026-04-01',
      expiresAt: expiresAt.toISOString(),
    });
    expect(r.period).toEqual({
      name: 'last_month',
      label: 'Last month',
      from: '2026-03-01',
      to: '2026-04-01',
      notice: null,
    });
    expect(r.company).toMatchObject({ currency: 'usd', timeZone: 'UTC', tier: 'enterprise' });
  });

  it('revenue: the hand-worked March figures (test/revenue/revenue-report.test.ts)', () => {
    if (!r.revenue?.ok) throw new Error('no revenue');
    expect([
      r.revenue.mrrStartMinor,
      r.revenue.mrrEndMinor,
      r.revenue.arrEndMinor,
      r.revenue.customersStart,
      r.revenue.customersEnd,
    ]).toEqual([13_000, 18_000, 216_000, 9, 10]);
    expect(r.revenue.movements).toEqual({
      newMinor: 7_000,
      reactivationMinor: 1_000,
      expansionMinor: 2_000,
      contractionMinor: 2_000,
      churnMinor: 3_000,
      netNewMinor: 5_000,
    });
    expect(r.revenue.customerChurnRate).toEqual({ value: 2 / 9 });
    expect(r.revenue.arpuMinor).toEqual({ value: 1_800 });
    expect(r.revenue.ltvMinor).toEqual({ value: 19_440 });
    expect(r.revenue.cash.revenueMinor).toBe(65_000);
    expect(r.revenue.previous).toMatchObject({
      from: '2026-02-01',
      to: '2026-03-01',
      mrrEndMinor: 13_000,
      netNewMinor: 3_000,
    });
    expect(r.revenue.mrrDaily).toHaveLength(32);
  });

  it('engagement: 10 counted members, 2 active, 2 idle, 6 dormant; 3 at risk; aggregates only', () => {
    if (!r.engagement?.ok) throw new Error('no engagement');
    expect(r.engagement.members).toEqual({ now: 10, previous: 9, change: 1 });
    expect(r.engagement.active).toEqual({ now: 2, previous: 0, change: 2 });
    expect(r.engagement.idle).toEqual({ now: 2, previous: 0, change: 2 });
    expect(r.engagement.dormant).toEqual({ now: 6, previous: 9, change: -3 });
    // Latest scoring by the end of 03-31: Cat critical, Jon critical, Dan high.
    expect(r.engagement.atRisk).toEqual({ now: 3, previous: 0, change: 3, source: 'churn-model' });
    expect(r.engagement.daily).toHaveLength(31);
    expect(r.engagement.heatmap).toHaveLength(168);
    expect(JSON.stringify(r)).not.toMatch(/user_|"Ann"|"Cat"|whopUserId|topMembers/);
  });

  it('churn: the 03-31 scoring by level, bucket, median and main factor; none of the other scorings or company', () => {
    expect(r.churn).toMatchObject({
      scoredAt: '2026-03-31T12:00:00.000Z',
      scored: 6,
      levels: { critical: 2, high: 1, medium: 1, low: 2 },
      buckets: [2, 0, 0, 1, 0, 0, 1, 0, 1, 1],
      medianProbability: 0.35,
      mainFactors: [
        { factor: 'days since activity', members: 2 },
        { factor: 'failed payments 60', members: 1 },
      ],
      saved: { actioned: 0, saved: null, sentence: 'no at-risk member has been acted on yet' },
    });
    expect(r.churn!.model).toMatch(/^model AUC 0\.81/);
  });

  it('content: the top items by views (L1 4 views by 3 members, Welcome 3 by 2, L2 1)', () => {
    if (!r.content?.ok) throw new Error('no content');
    const byTitle = new Map(r.content.items.map((i) => [i.title, i]));
    expect(r.content.totalItems).toBe(4);
    expect([byTitle.get('L1')?.views, byTitle.get('L1')?.uniqueViewers]).toEqual([4, 3]);
    expect([byTitle.get('Welcome')?.views, byTitle.get('Welcome')?.uniqueViewers]).toEqual([3, 2]);
    expect([byTitle.get('L2')?.views, byTitle.get('L2')?.uniqueViewers]).toEqual([1, 1]);
    expect(r.content.items.map((i) => i.title)).not.toContain('Other post');
  });

  it('has a forecast from the daily MRR history, as many days ahead as the period is long (as /revenue)', () => {
    if (!r.forecast?.ok) throw new Error('no forecast');
    expect(r.forecast.points).toHaveLength(31);
    expect(r.forecast.points[0]!.day).toBe('2026-04-02');
  });
});

describe('the revenue report', () => {
  it('adds monthly cohort retention: the table worked out by hand in test/revenue/revenue-report.test.ts', async () => {
    const r = await report('revenue');
    if (!r.cohorts?.ok) throw new Error('the revenue report has no cohorts');
    const table = Object.fromEntries(
      r.cohorts.rows.map((c) => [
        c.cohort,
        [c.customers, c.startMrrMinor, c.cells.map((x) => `${x.customers}/${x.mrrMinor}`)],
      ]),
    );
    expect(Object.keys(table)).toEqual(['2025-06-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']);
    // Ann, Ben, Dan, Eve, Jon, Kim joined in January (8000); Ben gone by the end of March, Eve down to 1000.
    expect(table['2026-01-01']).toEqual([6, 8000, ['6/8000', '6/8000', '5/7000', '5/7000']]);
    // Cat, Fay, Lee in March (7000); Fay refunded on 03-12.
    expect(table['2026-03-01']).toEqual([3, 7000, ['2/6000', '2/6000']]);
    const jan = r.cohorts.rows.find((c) => c.cohort === '2026-01-01')!;
    expect(jan.cells.map((c) => c.customerRetention)).toEqual([1, 1, 5 / 6, 5 / 6]);
    expect(jan.cells.map((c) => c.partial)).toEqual([false, false, false, true]);
    // The revenue page's cohort chart shows customer retention, one row per cohort month.
    const spec = chartSpec(r, 'cohort');
    expect(spec?.kind).toBe('cohort');
    expect(spec?.kind === 'cohort' ? spec.data.rows.find((row) => row.cohort === '2026-01') : null).toEqual({
      cohort: '2026-01',
      size: 6,
      retention: [1, 1, 5 / 6, 5 / 6],
    });
    // The overview leaves cohorts to the revenue page.
    expect((await report('overview')).cohorts).toBeUndefined();
  });
});

describe('the same figures as the services behind /revenue, /engagement and /content', () => {
  it('for every named period', async () => {
    for (const period of ['last_7_days', 'last_30_days', 'this_month', 'last_month'] as const) {
      const r = await report('overview', { period });
      const q = { from: r.period.from, to: r.period.to, asOf };
      const rev = unwrap(await revenueReport(pool, f.co.id, q));
      const eng = unwrap(await engagementReport(pool, f.co.id, q));
      const con = unwrap(await contentReport(pool, f.co.id, q));
      if (!r.revenue?.ok || !r.engagement?.ok || !r.content?.ok) throw new Error(`missing section for ${period}`);
      expect([r.revenue.mrrEndMinor, r.revenue.movements.netNewMinor, r.revenue.cash.revenueMinor]).toEqual([
        rev.current.mrrEndMinor,
        rev.current.movements.netNewMinor,
        rev.current.cash.revenueMinor,
      ]);
      expect([r.engagement.active.now, r.engagement.averageScore.now, r.engagement.atRisk.now]).toEqual([
        eng.active.now,
        eng.averageScore.now,
        eng.atRisk.now,
      ]);
      expect(r.content.items.map((i) => [i.title, i.views])).toEqual(
        con.items.slice(0, 10).map((i) => [i.title, i.views]),
      );
    }
  });

  it('resolves the named periods in the company zone as of the refresh', async () => {
    const periods = await Promise.all(
      (['last_7_days', 'last_30_days', 'last_90_days', 'this_month', 'last_month', 'this_year'] as const).map(
        async (p) => (await report('engagement', { period: p })).period,
      ),
    );
    expect(periods.map((p) => [p.from, p.to])).toEqual([
      ['2026-03-26', '2026-04-02'],
      ['2026-03-03', '2026-04-02'],
      ['2026-01-02', '2026-04-02'],
      ['2026-04-01', '2026-04-02'],
      ['2026-03-01', '2026-04-01'],
      ['2026-01-01', '2026-04-02'],
    ]);
  });
});

describe('the member profile', () => {
  it('shows the one member chosen: MRR, payments in the period, score, latest prediction', async () => {
    const r = await report('member', { params: { memberId: f.member('Ann').id } });
    if (!r.member?.ok) throw new Error('no member');
    expect(r.title).toMatch(/Ann$/);
    expect(r.member.member).toMatchObject({ whopUserId: 'user_ann', name: 'Ann' });
    expect(r.member.mrrMinor).toBe(1_000);
    // Ann paid 1000 on Jan 10, Feb 9 and Mar 11.
    expect(r.member.payments).toEqual([{ day: '2026-03-11', amountMinor: 1_000, status: 'paid', refundedMinor: 0 }]);
    expect(r.member.lifetimePaidMinor).toBe(3_000);
    expect(r.member.memberships).toEqual([
      expect.objectContaining({ plan: '$10 monthly', status: 'active', endedAt: null, planMrrMinor: 1_000 }),
    ]);
    // 03-31: one active day in the last 7 (03-30), last activity 1 day ago, no messages or progress:
    // round(100 * (0.2 * 1/7 + 0.2 * (1 - 1/30))) = round(22.19) = 22.
    expect(r.member.engagement.score).toBe(22);
    expect(r.member.engagement.daily).toHaveLength(31);
    // The latest scoring by asOf (03-31), not the 03-24 one nor the 04-02 one.
    expect(r.member.churn).toMatchObject({ scoredAt: '2026-03-31T12:00:00.000Z', risk: 'low' });
    expect(r.member.churn!.probability).toBeCloseTo(0.1, 6);
  });

  it('says so when the link names no member, or a member of another company', async () => {
    expect((await report('member')).member).toEqual({ ok: false, notice: 'This link names no member.' });
    const whale = (await pool.query<{ id: string }>("select id from members where whop_user_id = 'user_whale'"))
      .rows[0]!.id;
    expect((await report('member', { params: { memberId: Number(whale) } })).member).toMatchObject({ ok: false });
  });
});

describe('tier limits and freshness, as chat answers apply them', () => {
  it("a free company's longer periods are cut to its 7 days of history, with the tier's sentence", async () => {
    await pool.query("update companies set tier = 'free' where id = $1", [f.co.id]);
    try {
      const byDefault = await buildReport(pool, { companyId: f.co.id, kind: 'overview', params: {}, expiresAt, now });
      expect(byDefault.period).toMatchObject({
        name: 'last_7_days',
        from: '2026-03-26',
        to: '2026-04-02',
        notice: null,
      });
      const long = await report('overview', { period: 'last_30_days' });
      expect(long.period).toEqual({
        name: 'last_30_days',
        label: 'Last 30 days',
        from: '2026-03-26',
        to: '2026-04-02',
        notice: 'The free plan keeps 7 days of history, so this shows 2026-03-26 to 2026-04-01. Upgrade for more.',
      });
      expect(long.revenue?.ok && long.engagement?.ok && long.content?.ok).toBe(true);
      if (!long.revenue?.ok) throw new Error('no revenue');
      const rev = unwrap(await revenueReport(pool, f.co.id, { from: '2026-03-26', to: '2026-04-02', asOf }));
      expect(long.revenue.mrrEndMinor).toBe(rev.current.mrrEndMinor);
      // Last month keeps its days inside the window, 03-26..03-31.
      expect((await report('member', { params: { memberId: f.member('Ann').id } })).period).toMatchObject({
        from: '2026-03-26',
        to: '2026-04-01',
      });
    } finally {
      await pool.query("update companies set tier = 'enterprise' where id = $1", [f.co.id]);
    }
  });

  it('figures are as of the last refresh while it is at most a day old, else as of now', async () => {
    expect((await report('revenue', { now: new Date(asOf.getTime() + 86_400_000) })).asOf).toBe(asOf.toISOString());
    const later = new Date(asOf.getTime() + 86_400_000 + 60_000);
    const stale = await report('revenue', { now: later });
    expect(stale.asOf).toBe(later.toISOString());
    // That report rebuilt the rollup as of `later`; put the fixture's back.
    await ensureRevenueRollup(pool, f.co.id, asOf);
  });
});
