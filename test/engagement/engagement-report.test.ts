// engagementReport on a hand-built company in America/New_York (EST, UTC-5, for every day used here: DST
// begins 2026-03-08). Period 2026-03-01 (a Sunday) .. 03-07, previous 02-22 .. 02-28. Members only visit,
// so each score is 100 * (0.2 * visits7 / 7 + 0.2 * (1 - recencyDays / 30)), worked out below.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { ensureRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import type { EngagementReport } from '../../core/engagement/engagement-report.ts';
import { engagementReport } from '../../core/engagement/engagement.service.ts';
import { BadInput, NotFound } from '../../core/errors.ts';
import { unwrap } from '../helpers/activity-fixtures.ts';
import { local, prediction } from '../helpers/activity-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';

const est = (day: string, time = '10:00') => local(day, time, '-05:00');
const asOf = new Date('2026-03-08T12:00:00Z');
let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let report: EngagementReport;
const m: Record<string, Row> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 6 });
  const fx = fixtures(pool);
  co = await fx.company({ timeZone: 'America/New_York', tier: 'pro' });
  const monthly = await co.plan({ price: 1000, periodDays: 30 });
  const free = await co.plan({ free: true });
  const trial = await co.plan({ price: 1000, trialDays: 7 });
  for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 't']) m[name] = await co.member({ name, username: name });
  // Paid 01-01, 01-31 and 03-02 (30 days apart): MRR through 03-31.
  for (const name of ['a', 'b', 'c', 'd', 'e'])
    await co.subscribe(m[name]!, monthly, { at: est('2026-01-01'), payments: 3 });
  await co.subscribe(m.f!, monthly, { at: est('2026-03-03'), payments: 1 });
  // G's access ended 03-02 15:00: counted at the end of 03-01, not of 03-02.
  await co.subscribe(m.g!, monthly, {
    at: est('2026-01-01'),
    payments: 2,
    endedAt: est('2026-03-02', '15:00'),
    status: 'canceled',
  });
  await co.membership(m.h!, free, { startedAt: est('2026-01-01') });
  await co.membership(m.t!, trial, { startedAt: est('2026-03-02'), status: 'trialing' });
  await co.event(m.a!, { at: est('2026-02-27'), kind: 'visit' });
  await co.event(m.a!, { at: est('2026-03-06'), kind: 'visit' });
  await co.event(m.b!, { at: est('2026-02-25'), kind: 'visit' });
  await co.event(m.c!, { at: est('2026-02-28'), kind: 'visit' });
  await co.event(m.d!, { at: est('2026-02-05'), kind: 'visit' });
  await co.event(m.f!, { at: est('2026-03-05'), kind: 'visit' });
  await co.event(m.g!, { at: est('2026-02-20'), kind: 'visit' });
  await co.event(m.t!, { at: est('2026-03-04'), kind: 'visit' });
  for (const day of ['01', '02', '03', '04', '05', '06', '07'])
    await co.event(m.h!, { at: est(`2026-03-${day}`, '23:30'), kind: 'visit' });
  await co.event(null, { at: est('2026-03-07', '23:59') });
  await co.event(null, { at: est('2026-03-08', '00:30') });
  await co.event(null, { at: est('2026-02-28', '23:59') });
  // Predictions: the latest one made by the end of each period counts.
  await prediction(pool, co.id, m.a!.id, { scoredAt: '2026-03-05T15:00:00Z', risk: 'high' });
  await prediction(pool, co.id, m.a!.id, { scoredAt: '2026-03-07T15:00:00Z', risk: 'low' });
  await prediction(pool, co.id, m.b!.id, { scoredAt: '2026-03-06T15:00:00Z', risk: 'critical' });
  await prediction(pool, co.id, m.c!.id, { scoredAt: '2026-03-08T06:00:00Z', risk: 'high' });
  await prediction(pool, co.id, m.d!.id, { scoredAt: '2026-03-01T15:00:00Z', risk: 'medium' });
  await prediction(pool, co.id, m.g!.id, { scoredAt: '2026-02-20T15:00:00Z', risk: 'critical' });
  await prediction(pool, co.id, m.h!.id, { scoredAt: '2026-03-06T15:00:00Z', risk: 'critical' });
  // Another tenant, busy on the same days, with its own predictions.
  const other = await fx.company({ timeZone: 'America/New_York' });
  const plan = await other.plan({ price: 1000 });
  const x = await other.member();
  await other.subscribe(x, plan, { at: est('2026-01-01'), payments: 3 });
  await other.events(
    x,
    Array.from({ length: 30 }, () => ({ at: est('2026-03-04', '15:00') })),
  );
  await prediction(pool, other.id, x.id, { scoredAt: '2026-03-06T15:00:00Z', risk: 'critical' });
  for (const id of [other.id, co.id]) {
    await ensureRevenueRollup(pool, id, asOf);
    await rollupEngagement(pool, id, '2026-02-01', '2026-03-07');
  }
  report = unwrap(await engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf }));
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('engagementReport', () => {
  it('covers the period and the one before it', () => {
    expect(report.period).toEqual({ from: '2026-03-01', to: '2026-03-08', days: 7 });
    expect(report.previousPeriod).toEqual({ from: '2026-02-22', to: '2026-03-01' });
  });

  it('counts active, idle and dormant among counted members, with the change', () => {
    // End of 03-07: A, B, C, D, E, F (G ended 03-02; H free; T trialing). Days since last visit:
    // A 1, F 2 -> active; B 10, C 7 -> idle; D 30, E never -> dormant.
    // End of 02-28: A, B, C, D, E, G. A 1, B 3, C 0 -> active; D 23, G 8 -> idle; E -> dormant.
    expect(report.members).toEqual({ now: 6, previous: 6, change: 0 });
    expect(report.active).toEqual({ now: 2, previous: 3, change: -1 });
    expect(report.idle).toEqual({ now: 2, previous: 2, change: 0 });
    expect(report.dormant).toEqual({ now: 2, previous: 1, change: 1 });
  });

  it("counts at risk from each member's latest prediction by the period end", () => {
    // Now (by end of 03-07 = 03-08T05:00Z): A high then low -> low; B critical; C's comes after; D medium; H not counted.
    // Previous (by 03-01T05:00Z): G critical; the others came later.
    expect(report.atRisk).toEqual({ now: 1, previous: 1, change: 0, source: 'churn-model' });
  });

  it('averages the score over counted members', () => {
    // 03-07: A 1 visit in 7, 1 day: 2.857 + 19.333 -> 22; B 10 days: 13.33 -> 13; C 7 days: 15.33 -> 15;
    //        D 30 days -> 0; E 0; F 1 visit, 2 days: 2.857 + 18.667 -> 22. (22 + 13 + 15 + 22) / 6 = 12
    // 02-28: A 22; B 1 visit, 3 days: 2.857 + 18 -> 21; C same day: 22.857 -> 23; D 23 days: 4.67 -> 5; E 0;
    //        G 8 days: 14.67 -> 15. 86 / 6 = 14.333
    expect(report.averageScore.now).toBe(12);
    expect(report.averageScore.previous).toBeCloseTo(86 / 6, 10);
    expect(report.averageScore.change).toBeCloseTo(12 - 86 / 6, 10);
  });

  it('gives the daily average score line', () => {
    // 03-01 A22 B20 C22 D4 E0 G14 = 82/6 | 03-02 A21 B20 C22 D3 E0 = 66/5 | 03-03 A20 B19 C21 D3 E0 F0 = 63/6
    // 03-04 A20 B15 C20 D2 = 57/6 | 03-05 A19 B15 C20 D1 F23 = 78/6 | 03-06 A23 B14 C19 D1 F22 = 79/6 | 03-07 72/6
    const expected = [
      [82, 6],
      [66, 5],
      [63, 6],
      [57, 6],
      [78, 6],
      [79, 6],
      [72, 6],
    ] as const;
    expect(report.dailyScore.map((d) => d.day)).toEqual(
      ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-03-${d}`),
    );
    report.dailyScore.forEach((d, i) => {
      expect(d.members).toBe(expected[i]![1]);
      expect(d.average).toBeCloseTo(expected[i]![0] / expected[i]![1], 10);
    });
  });

  it('maps activity to weekday and hour in the company zone', () => {
    // 03-04 (Wed) 10:00 T (trialing, but activity is activity); 03-05 (Thu) 10:00 F; 03-06 (Fri) 10:00 A; H at 23:30 every day 03-01 (Sun) .. 03-07 (Sat); one more at
    // 23:59 on Saturday 03-07. Left out: 02-28 23:59 and 03-08 00:30 local (03-01 and 03-08 in UTC).
    const nonZero = report.heatmap.filter((c) => c.events > 0);
    expect(report.heatmap).toHaveLength(168);
    expect(nonZero).toEqual([
      { weekday: 1, hour: 23, events: 1 },
      { weekday: 2, hour: 23, events: 1 },
      { weekday: 3, hour: 10, events: 1 },
      { weekday: 3, hour: 23, events: 1 },
      { weekday: 4, hour: 10, events: 1 },
      { weekday: 4, hour: 23, events: 1 },
      { weekday: 5, hour: 10, events: 1 },
      { weekday: 5, hour: 23, events: 1 },
      { weekday: 6, hour: 23, events: 2 },
      { weekday: 7, hour: 23, events: 1 },
    ]);
  });

  it('lists top members and the ones fading most', () => {
    // Top at 03-07: A 22 and F 22 (A active later), C 15, B 13.
    expect(report.topMembers.map((l) => [l.name, l.score])).toEqual([
      ['a', 22],
      ['f', 22],
      ['c', 15],
      ['b', 13],
    ]);
    // Drops from 02-28 to 03-07: C 23 -> 15 and B 21 -> 13 (8 each, higher start first), D 5 -> 0.
    expect(report.fadingMembers.map((l) => [l.name, l.startScore, l.score])).toEqual([
      ['c', 23, 15],
      ['b', 21, 13],
      ['d', 5, 0],
    ]);
    expect(report.topMembers[0]).toMatchObject({ memberId: m.a!.id, whopUserId: m.a!.whopId, username: 'a' });
    expect(report.topMembers[0]!.lastActivityAt!.toISOString()).toBe('2026-03-06T15:00:00.000Z');
    expect(report.memberLists).toEqual({ limit: 50, topTotal: 4, fadingTotal: 3 });
    expect(report.notes).toEqual([]);
  });

  it('caps member lists at the limit asked', async () => {
    const r = unwrap(await engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf, limit: 2 }));
    expect(r.topMembers.map((l) => l.name)).toEqual(['a', 'f']);
    expect(r.fadingMembers.map((l) => l.name)).toEqual(['c', 'b']);
    expect(r.memberLists).toEqual({ limit: 2, topTotal: 4, fadingTotal: 3 });
  });

  it('leaves the member lists out with limit 0, the aggregates unchanged', async () => {
    const full = await engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf });
    const bare = await engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf, limit: 0 });
    if (!full.ok || !bare.ok) throw new Error('history limit');
    expect(full.value.topMembers.length).toBeGreaterThan(0);
    expect(bare.value.topMembers).toEqual([]);
    expect(bare.value.fadingMembers).toEqual([]);
    expect({ ...bare.value, topMembers: [], fadingMembers: [], memberLists: null }).toEqual({
      ...full.value,
      topMembers: [],
      fadingMembers: [],
      memberLists: null,
    });
  });

  it('rejects bad periods and unknown companies', async () => {
    await expect(engagementReport(pool, co.id, { from: '2026-03-07', to: '2026-03-01', asOf })).rejects.toThrow(
      BadInput,
    );
    await expect(engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-01', asOf })).rejects.toThrow(
      /must end after it starts/,
    );
    await expect(engagementReport(pool, co.id, { from: '2026-03-09', to: '2026-03-10', asOf })).rejects.toThrow(
      /after 2026-03-08, the day of asOf/,
    );
    await expect(
      engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf, limit: -1 }),
    ).rejects.toThrow(/limit must be/);
    await expect(
      engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf, limit: 1.5 }),
    ).rejects.toThrow(/limit must be/);
    await expect(
      engagementReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf: new Date('x') }),
    ).rejects.toThrow(/asOf must be/);
    await expect(engagementReport(pool, 424_242, { from: '2026-03-01', to: '2026-03-08', asOf })).rejects.toThrow(
      NotFound,
    );
  });

  it('caps member lists at 50 on the free tier', async () => {
    const free = await fixtures(pool).company({ timeZone: 'America/New_York', tier: 'free' });
    const r = unwrap(await engagementReport(pool, free.id, { from: '2026-03-02', to: '2026-03-09', asOf, limit: 60 }));
    expect(r.memberLists.limit).toBe(50);
    expect(
      unwrap(
        await engagementReport(pool, free.id, {
          from: '2026-03-02',
          to: '2026-03-09',
          asOf,
          limit: 60,
          enforceTier: false,
        }),
      ).memberLists.limit,
    ).toBe(60);
  });

  it("keeps to the tier's history window", async () => {
    // pro keeps 90 days: with asOf on 03-08 the earliest day is 03-08 - 89 = 2025-12-09 (23 + 31 + 28 + 8 days)
    const tooOld = await engagementReport(pool, co.id, { from: '2025-12-08', to: '2026-03-09', asOf });
    expect(tooOld).toMatchObject({ ok: false, limit: { kind: 'history', tier: 'pro', allowed: 90 } });
    expect(
      unwrap(await engagementReport(pool, co.id, { from: '2025-12-09', to: '2026-03-09', asOf })).period.days,
    ).toBe(90);
    // operators' read-outs may look further back
    expect(
      unwrap(await engagementReport(pool, co.id, { from: '2025-12-08', to: '2026-03-09', asOf, enforceTier: false }))
        .period.days,
    ).toBe(91);
  });

  it('says when the period runs past asOf, the rollup lags, or no prediction exists', async () => {
    const fx = fixtures(pool);
    const fresh = await fx.company({ timeZone: 'America/New_York' });
    const r = unwrap(await engagementReport(pool, fresh.id, { from: '2026-03-01', to: '2026-04-01', asOf }));
    expect(r.period).toEqual({ from: '2026-03-01', to: '2026-03-09', days: 8 });
    expect(r.previousPeriod).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(r.atRisk).toEqual({ now: 0, previous: 0, change: 0, source: 'no-predictions-yet' });
    expect(r.averageScore).toEqual({ now: null, previous: null, change: null });
    expect(r.notes).toEqual([
      'The period runs to 2026-04-01; counted up to 2026-03-08, the day of asOf.',
      'At risk is 0: the churn model has not scored this company yet.',
      'No member counts yet: members are counted from the revenue rollup, which has not been built.',
      'Engagement is rolled up to no day yet; later days count as no activity and no members.',
    ]);
  });
});
