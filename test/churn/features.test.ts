// Churn features and labels on hand-built members (real PostgreSQL), and no leakage: a feature computed
// at a snapshot does not change when later events are added.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureNames, type FeatureName } from '../../core/churn/features.ts';
import { snapshotFeatures, type SnapshotRow } from '../../core/churn/features.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type CompanyFixture, type Fixtures, type Row } from '../helpers/fixtures.ts';

const asOf = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);
const f = (row: SnapshotRow | undefined, name: FeatureName) => row!.raw[featureNames.indexOf(name)]!;

let db: TestDatabase;
let fx: Fixtures;
let pool: pg.Pool;
let co: CompanyFixture;
const m: Record<string, Row> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await openFixtures(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  co = await fx.company();
  const monthly = await co.plan({ price: 2999, periodDays: 30 });
  const trial = await co.plan({ price: 2999, periodDays: 30, trialDays: 7 });
  const free = await co.plan({ free: true, periodDays: 30 });
  for (const name of ['ann', 'bob', 'cara', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon'])
    m[name] = await co.member({ name });

  // ann: pays monthly since Jan 1; a message every other day Apr 1 - May 19; lessons on Apr 9 and May 9.
  await co.subscribe(m.ann!, monthly, { at: '2026-01-01T00:00:00Z', payments: 6 });
  const annDays = Array.from({ length: 25 }, (_, i) => new Date(Date.parse('2026-04-01T10:00:00Z') + 2 * i * DAY));
  await co.events(
    m.ann!,
    annDays.map((at) => ({ at, kind: 'message' as const })),
  );
  await co.events(m.ann!, [
    { at: day('2026-04-09'), kind: 'lesson_complete', value: 12.5 },
    { at: day('2026-05-09'), kind: 'lesson_complete', value: 12.5 },
  ]);
  // bob: paid Mar 11, Apr 10, May 10; asked on May 20 to cancel at the period end (June 9).
  const bob = await co.subscribe(m.bob!, monthly, {
    at: '2026-03-11T00:00:00Z',
    payments: 3,
    cancelAtPeriodEnd: true,
    status: 'canceling',
  });
  await pool.query('update memberships set canceled_at = $1 where id = $2', [day('2026-05-20'), bob.membership.id]);
  // cara: paid Mar 15 and Apr 14; the May 14 renewal failed and is unpaid.
  const cara = await co.subscribe(m.cara!, monthly, { at: '2026-03-15T00:00:00Z', payments: 2, status: 'past_due' });
  await co.failedPayment(cara.membership, { failedAt: '2026-05-14T00:00:00Z' });
  // dan: in a free trial, never charged; eve: on the free plan; fay: left on Apr 20.
  await co.membership(m.dan!, trial, { startedAt: '2026-05-28T00:00:00Z', status: 'trialing' });
  await co.membership(m.eve!, free, { startedAt: '2026-02-01T00:00:00Z' });
  await co.subscribe(m.fay!, monthly, { at: '2026-02-20T00:00:00Z', payments: 2, endedAt: '2026-04-20T00:00:00Z' });
  // gus: asked on May 1 to cancel; access ended May 21. hal: cancels at period end after June 1.
  const gus = await co.subscribe(m.gus!, monthly, {
    at: '2026-02-20T00:00:00Z',
    payments: 3,
    endedAt: '2026-05-21T00:00:00Z',
  });
  await pool.query('update memberships set canceled_at = $1, cancel_at_period_end = true where id = $2', [
    '2026-05-01T08:00:00Z',
    gus.membership.id,
  ]);
  const hal = await co.subscribe(m.hal!, monthly, {
    at: '2026-04-10T00:00:00Z',
    payments: 2,
    cancelAtPeriodEnd: true,
    status: 'canceling',
  });
  await pool.query('update memberships set canceled_at = $1 where id = $2', [
    '2026-05-25T00:00:00Z',
    hal.membership.id,
  ]);
  // ivy: access ended exactly 30 days after the May 2 snapshot. jon: left May 10, back May 15.
  await co.subscribe(m.ivy!, monthly, { at: '2026-03-03T00:00:00Z', payments: 3, endedAt: '2026-06-01T00:00:00Z' });
  await co.subscribe(m.jon!, monthly, { at: '2026-04-10T00:00:00Z', payments: 1, endedAt: '2026-05-10T00:00:00Z' });
  await co.subscribe(m.jon!, monthly, { at: '2026-05-15T00:00:00Z', payments: 1 });
});

afterAll(async () => {
  await pool?.end();
  await fx?.close();
  await db?.drop();
});

const byName = (rows: SnapshotRow[], off: number) => (name: string) =>
  rows.find((r) => r.offsetDays === off && r.memberId === m[name]!.id);

describe('who is counted', () => {
  it('scores paying members only: not trials, free plans or members who left', async () => {
    const rows = await snapshotFeatures(pool, co.id, asOf, [0]);
    const names = Object.keys(m).filter((n) => rows.some((r) => r.memberId === m[n]!.id));
    expect(names.sort()).toEqual(['ann', 'bob', 'cara', 'hal', 'jon']);
    expect(rows.every((r) => r.churned === null)).toBe(true);
  });
});

describe('features at a snapshot', () => {
  it('reads activity relative to the snapshot (hand-worked for ann)', async () => {
    const ann = byName(await snapshotFeatures(pool, co.id, asOf, [0]), 0)('ann');
    // last message May 19 10:00 -> 12 whole days before June 1; every other day before that
    expect(f(ann, 'days_since_activity')).toBe(12);
    expect(ann!.context.usualActiveIntervalDays).toBe(2);
    // active May 3, 5, ..., 19 within 30 days; 8 messages (May 5 - 19) within 28 days
    expect(f(ann, 'active_days_30')).toBe(9);
    expect(f(ann, 'messages_per_week')).toBe(2);
    // nothing in 7 days; 8 messages + the May 9 lesson in the 21 days before: ln(1 / (9 / 3 + 1))
    expect(f(ann, 'activity_trend')).toBeCloseTo(Math.log(1 / 4), 10);
    expect(f(ann, 'course_progress')).toBe(25);
    expect(f(ann, 'progress_30')).toBe(12.5);
    // score: 30 * 12.5 / 100 + 20 * (1 - 12 / 30) = 3.75 + 12 -> 16; 14 days earlier: 4 messages, 4 active
    // days, 25 progress points in 30 days (Apr 9 is 52 days back: out), active that day:
    // 30 * 0.4 + 20 * 4 / 7 + 30 * 0.125 + 20 = 47.18 -> 47
    expect(f(ann, 'engagement_score')).toBe(16);
    expect(f(ann, 'score_trend_14')).toBe(16 - 47);
    expect(f(ann, 'tenure_days')).toBe(151);
    expect(f(ann, 'mrr')).toBeCloseTo(29.99, 10);
    expect(f(ann, 'billing_months')).toBe(1);
    // last paid May 31 00:00 + 30 days = June 30
    expect(f(ann, 'days_to_renewal')).toBe(29);
    expect(f(ann, 'renews_within_30d')).toBe(1);
    expect(f(ann, 'cancel_at_period_end')).toBe(0);
  });

  it('reads cancellations and failed payments', async () => {
    const at = byName(await snapshotFeatures(pool, co.id, asOf, [0]), 0);
    expect(f(at('bob'), 'cancel_at_period_end')).toBe(1);
    expect(f(at('bob'), 'days_to_renewal')).toBe(8); // May 10 + 30 days = June 9
    expect(f(at('bob'), 'cancel_ends_within_30d')).toBe(1);
    expect(f(at('cara'), 'past_due')).toBe(1);
    expect(f(at('cara'), 'failed_payments_60')).toBe(1);
    expect(f(at('cara'), 'days_to_renewal')).toBe(0);
    expect(f(at('jon'), 'reactivations')).toBe(1);
    expect(f(at('jon'), 'days_since_activity')).toBe(60); // never active: the look-back cap
    expect(f(at('jon'), 'engagement_score')).toBe(0);
  });
});

describe('labels', () => {
  it('marks a member churned when their last counted membership ends within 30 days', async () => {
    const at = byName(await snapshotFeatures(pool, co.id, asOf, [30]), 30);
    // snapshot May 2, window to June 1
    expect(at('gus')!.churned).toBe(true); // access ended May 21
    expect(at('ivy')!.churned).toBe(true); // ended June 1, the 30th day
    expect(at('ann')!.churned).toBe(false);
    expect(at('bob')!.churned).toBe(false); // cancels, but access runs to June 9
    expect(at('cara')!.churned).toBe(false); // past due within the grace: still counted
    expect(at('jon')!.churned).toBe(false); // left May 10, back May 15
    expect(at('hal')!.churned).toBe(false);
    expect(at('fay')).toBeUndefined(); // gone before the snapshot
    expect(f(at('gus'), 'cancel_at_period_end')).toBe(1); // asked May 1
    expect(f(at('gus'), 'days_to_renewal')).toBeCloseTo(19, 10); // Apr 21 + 30 = May 21
    expect(f(at('bob'), 'cancel_at_period_end')).toBe(0); // asked only on May 20
  });
});

describe('no leakage', () => {
  it('leaves a snapshot unchanged when later events are added', async () => {
    const before = await snapshotFeatures(pool, co.id, asOf, [30]);
    const sameDay = await snapshotFeatures(pool, co.id, new Date(asOf.getTime() - 30 * DAY), [0]);
    expect(sameDay.map((r) => [r.memberId, r.raw, r.context])).toEqual(
      before.map((r) => [r.memberId, r.raw, r.context]),
    );

    const later = new Date('2026-05-02T00:00:00Z');
    await co.events(m.ann!, [
      { at: later, kind: 'message' },
      { at: day('2026-05-20'), kind: 'lesson_complete', value: 50 },
    ]);
    await co.events(m.bob!, [{ at: new Date(later.getTime() + 1), kind: 'visit' }]);
    const ann = await pool.query<{ id: string }>('select id from memberships where member_id = $1', [m.ann!.id]);
    await pool.query('update memberships set canceled_at = $1 where id = $2', [
      '2026-05-03T00:00:00Z',
      ann.rows[0]!.id,
    ]);
    const monthly = await co.plan({ price: 500, periodDays: 30 });
    const annSub = { id: Number(ann.rows[0]!.id), whopId: 'x', memberId: m.ann!.id, plan: monthly };
    await co.failedPayment(annSub, { failedAt: '2026-05-05T00:00:00Z' });
    await co.subscribe(m.eve!, monthly, { at: '2026-05-06T00:00:00Z', payments: 1 });

    const after = await snapshotFeatures(pool, co.id, asOf, [30]);
    expect(after.map((r) => [r.memberId, r.raw, r.context])).toEqual(before.map((r) => [r.memberId, r.raw, r.context]));
    // ...while the snapshot of June 1 does see them
    const now = byName(await snapshotFeatures(pool, co.id, asOf, [0]), 0);
    expect(f(now('ann'), 'cancel_at_period_end')).toBe(1);
    expect(f(now('ann'), 'failed_payments_60')).toBe(1);
  });
});
