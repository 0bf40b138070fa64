// The members engagement averages over are the revenue rollup's customers (docs/metrics.md#engagement-states:
// the average score is over the counted members of that day), day by day, whatever their memberships look like.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { ensureRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const fx = fixtures(pool);
  co = await fx.company({ timeZone: 'UTC' });
  const monthly = await co.plan({ price: 1000, periodDays: 30 });
  const yearly = await co.plan({ price: 12_000, periodDays: 365 });
  const withTrial = await co.plan({ price: 1000, trialDays: 7 });
  const lifetime = await co.plan({ type: 'one_time', periodDays: null, price: 5000 });
  const free = await co.plan({ free: true });
  // P: one payment on 02-01 12:00 covers [02-01, 03-03): counted through 03-02; access ended 03-03.
  await co.subscribe(await co.member({ name: 'p' }), monthly, {
    at: '2026-02-01T12:00:00Z',
    payments: 1,
    endedAt: '2026-03-03T12:00:00Z',
  });
  // R: a monthly and a yearly subscription at once: one member, counted once a day.
  const r = await co.member({ name: 'r' });
  await co.subscribe(r, monthly, { at: '2026-01-10T00:00:00Z', payments: 3 });
  await co.subscribe(r, yearly, { at: '2026-02-20T00:00:00Z', payments: 1 });
  // Never counted: a trial not converted, a one-time purchase, a free plan.
  const s = await co.member({ name: 's' });
  await co.membership(s, withTrial, { startedAt: '2026-03-01T00:00:00Z', status: 'trialing' });
  await co.payment({ member: s, plan: lifetime }, { paidAt: '2026-01-05T00:00:00Z' });
  await co.membership(s, free, { startedAt: '2026-01-05T00:00:00Z' });
  const other = await fx.company();
  await other.subscribe(await other.member(), await other.plan({ price: 1000 }), {
    at: '2026-01-01T00:00:00Z',
    payments: 3,
  });
  await ensureRevenueRollup(pool, co.id, new Date('2026-03-09T00:00:00Z'));
  await rollupEngagement(pool, co.id, '2026-03-01', '2026-03-08');
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('counted members', () => {
  it('are the customers with MRR at the end of each day', async () => {
    const res = await pool.query(
      `select e.members, r.customers from engagement_company_daily e
       left join revenue_daily r on r.company_id = e.company_id and r.day = e.day
       where e.company_id = $1 order by e.day`,
      [co.id],
    );
    // P on 03-01 and 03-02, R every day
    expect(res.rows.map((x) => x.members)).toEqual([2, 2, 1, 1, 1, 1, 1, 1]);
    expect(res.rows.map((x) => x.customers)).toEqual([2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it('with no activity are all dormant, scoring 0', async () => {
    const res = await pool.query(
      'select sum(score_sum)::int as s, sum(active + idle)::int as a, sum(dormant)::int as d from engagement_company_daily where company_id = $1',
      [co.id],
    );
    expect(res.rows[0]).toEqual({ s: 0, a: 0, d: 10 });
  });
});
