// The counting rule for a membership whose renewal failed and whose access then ended (Whop status
// `expired`): it counts as past-due MRR from the failed renewal until the day access ended, and is churn on
// that day — not 30 days after the failure, and not back-dated to the failure once the expiry is known.
// Revenue, engagement's counted members and the churn model's population agree on it.
// Company in UTC, every time 10:00. $10 monthly plan (30 days, 1000 MRR).
//   Ann: paid Feb 15 and Mar 17: 1000 throughout March.
//   Pia: paid Feb 1 (to Mar 3); the Mar 3 renewal fails; Whop expires the membership on Mar 13.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { snapshotFeatures } from '../../core/churn/features.repository.ts';
import { countedOn } from '../../core/engagement/counted-members-sql.ts';
import { revenueDrilldown } from '../../core/revenue/drilldown.service.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import type { PeriodRevenue } from '../../core/revenue/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { at } from './scenario-march.ts';

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let pia: Row;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  co = await fixtures(pool).company({ tier: 'enterprise', timeZone: 'UTC' });
  const ten = await co.plan({ price: 1000, periodDays: 30, title: '$10 monthly' });
  await co.subscribe(await co.member({ name: 'Ann' }), ten, { at: at('2026-02-15'), payments: 2 });
  pia = await co.member({ name: 'Pia' });
  const sub = await co.subscribe(pia, ten, { at: at('2026-02-01'), payments: 1, status: 'past_due' });
  await co.failedPayment(sub.membership, { failedAt: at('2026-03-03') });
  await co.endMembership(sub.membership, { at: at('2026-03-13'), status: 'expired' });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function period(from: string, to: string, asOf: string): Promise<PeriodRevenue> {
  const r = await revenueReport(pool, co.id, { from, to, asOf: new Date(asOf) });
  if (!r.ok) throw new Error(r.limit.message);
  return r.value.current;
}

describe('a failed renewal, then the membership expires 10 days later', () => {
  it('counts as past-due MRR until the expiry day', async () => {
    // As of Apr 1, the days Mar 1..Mar 12: Pia still counted (past due since Mar 3), no churn yet.
    const c = await period('2026-03-01', '2026-03-13', '2026-04-01T00:00:00Z');
    expect([c.mrrStartMinor, c.mrrEndMinor, c.customersEnd]).toEqual([2000, 2000, 2]);
    expect([c.pastDueMrrMinor, c.pastDueCustomers]).toEqual([1000, 1]);
    expect(c.movements.churnMinor).toBe(0);
  });

  it('is churn on the expiry day, in a report asked before the 30 days are over', async () => {
    // As of Mar 20 (17 days after the failure): March so far has churn 1000 on Mar 13; MRR 2000 -> 1000.
    const c = await period('2026-03-01', '2026-03-21', '2026-03-20T12:00:00Z');
    expect([c.mrrStartMinor, c.mrrEndMinor, c.movements.churnMinor, c.pastDueMrrMinor]).toEqual([2000, 1000, 1000, 0]);
    expect(c.churnedCustomers).toBe(1);
    const day13 = await period('2026-03-13', '2026-03-14', '2026-03-20T12:00:00Z');
    expect([day13.mrrStartMinor, day13.movements.churnMinor, day13.mrrEndMinor]).toEqual([2000, 1000, 1000]);
  });

  it('keeps the same history once the 30 days have passed (whole March as of Apr 1)', async () => {
    // Start 2000 (2 customers), churn 1000 (Pia, Mar 13), end 1000 (1 customer), nothing past due;
    // customer churn 1/2; gross MRR churn 1000/2000.
    const c = await period('2026-03-01', '2026-04-01', '2026-04-01T00:00:00Z');
    expect([c.mrrStartMinor, c.movements.churnMinor, c.mrrEndMinor, c.customersEnd, c.pastDueMrrMinor]).toEqual([
      2000, 1000, 1000, 1, 0,
    ]);
    expect(c.customerChurnRate).toEqual({ available: true, value: 1 / 2 });
    expect(c.grossMrrChurnRate).toEqual({ available: true, value: 1000 / 2000 });
    const churn = await revenueDrilldown(pool, co.id, {
      from: '2026-03-01',
      to: '2026-04-01',
      asOf: new Date('2026-04-01T00:00:00Z'),
      figure: 'churn',
    });
    expect(churn.ok && churn.value.rows.map((r) => [r.name, r.day, r.amountMinor])).toEqual([
      ['Pia', '2026-03-13', 1000],
    ]);
  });

  it('before the expiry is known (as of Mar 10) it is past due, as before', async () => {
    const c = await period('2026-03-01', '2026-03-11', '2026-03-10T12:00:00Z');
    expect([c.mrrEndMinor, c.pastDueMrrMinor, c.movements.churnMinor]).toEqual([2000, 1000, 0]);
  });

  it('engagement counts Pia on Mar 12 and not on Mar 13', async () => {
    await revenueReport(pool, co.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date('2026-04-01T00:00:00Z') });
    const counted = async (day: string) =>
      (
        await pool.query<{ member_id: string }>(
          `select s.member_id from customer_mrr_spans s where ${countedOn('s', '$1', '$2::date')} order by 1`,
          [co.id, day],
        )
      ).rows.map((r) => Number(r.member_id));
    expect((await counted('2026-03-12')).includes(pia.id)).toBe(true);
    expect((await counted('2026-03-13')).includes(pia.id)).toBe(false);
    expect(await counted('2026-03-13')).toHaveLength(1);
  });

  it('the churn model scores Pia while past due and not once her access has ended', async () => {
    const scored = async (asOf: string) =>
      (await snapshotFeatures(pool, co.id, new Date(asOf), [0])).map((r) => r.memberId);
    expect(await scored('2026-03-12T12:00:00Z')).toContain(pia.id);
    expect(await scored('2026-03-13T12:00:00Z')).not.toContain(pia.id);
  });
});
