// The /revenue answer for a company built event by event (scenario-march.ts), checked against numbers
// worked out by hand from docs/metrics.md (its worked example). MRR on a day = MRR at the end of that day; March's start is the end
// of Feb 28 and its end the end of Mar 31.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { cohortRetention } from '../../core/cohorts/cohorts.service.ts';
import { revenueDrilldown, type Drilldown } from '../../core/revenue/drilldown.service.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import type { RevenueReport } from '../../core/revenue/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { at, buildMarchCompany } from './scenario-march.ts';

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let report: RevenueReport;
const asOf = new Date('2026-04-01T00:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  const fx = fixtures(pool);
  co = await buildMarchCompany(fx);
  // Another company with a big customer and a failed payment in March: never counted for `co`.
  const other = await fx.company({ tier: 'enterprise' });
  const big = await other.plan({ price: 99_900, periodDays: 30 });
  const whale = await other.member({ whopUserId: 'user_ann' });
  const sub = await other.subscribe(whale, big, { at: at('2026-02-20'), payments: 2 });
  await other.failedPayment(sub.membership, { failedAt: at('2026-03-02') });
  await other.refund(sub.payments[1]!, { at: at('2026-03-25') });
  const result = await revenueReport(pool, co.id, { from: '2026-03-01', to: '2026-04-01', asOf });
  if (!result.ok) throw new Error(result.limit.message);
  report = result.value;
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('revenue report for March 2026', () => {
  it('MRR at start and end, ARR and customers', () => {
    // Start (end of Feb 28): Ann, Ben, Dan, Hal, Ivy, Jon, Kim 1000 each = 7000; Eve 3000; Ned 9000/3 = 3000
    //   -> 13000 from 9 customers. Hal's $120 annual is 12000/12 = 1000.
    expect(report.current.mrrStartMinor).toBe(13_000);
    expect(report.current.customersStart).toBe(9);
    // End (end of Mar 31): Ann 1000, Cat 3000, Dan 3000, Eve 1000, Gus 1000, Hal 1000, Jon 1000 (past due),
    //   Kim 1000, Lee 3000, Ned 3000 = 18000 from 10 customers; ARR = 18000 * 12.
    expect(report.current.mrrEndMinor).toBe(18_000);
    expect(report.current.customersEnd).toBe(10);
    expect(report.current.arrEndMinor).toBe(216_000);
  });

  it('the five movements and net new MRR', () => {
    expect(report.current.movements).toEqual({
      newMinor: 7_000, // Cat 3000 (Mar 5) + Fay 1000 (Mar 8) + Lee 3000 (Mar 17, after her trial)
      reactivationMinor: 1_000, // Gus, back on Mar 15 after leaving on Jan 30
      expansionMinor: 2_000, // Dan 1000 -> 3000 on Mar 3 (plan change: not churn + new)
      contractionMinor: 2_000, // Eve 3000 -> 1000 on Mar 20 (new membership the day the old one ends)
      churnMinor: 3_000, // Ivy 1000 (delinquent, Mar 1) + Fay 1000 (refund, Mar 12) + Ben 1000 (period end, Mar 21)
      netNewMinor: 5_000, // 7000 + 1000 + 2000 - 2000 - 3000
    });
    // Identity: 13000 + 5000 = 18000.
    expect(report.current.mrrStartMinor + report.current.movements.netNewMinor).toBe(report.current.mrrEndMinor);
  });

  it('rates', () => {
    const c = report.current;
    // Customers at start who churned in March: Ben and Ivy (Fay joined in March): 2 / 9.
    expect(c.churnedCustomers).toBe(2);
    expect(c.customerChurnRate).toEqual({ available: true, value: 2 / 9 });
    // (churn + contraction) / start = (3000 + 2000) / 13000.
    expect(c.grossMrrChurnRate).toEqual({ available: true, value: 5_000 / 13_000 });
    // (churn + contraction - expansion - reactivation) / start = (3000 + 2000 - 2000 - 1000) / 13000.
    expect(c.netMrrChurnRate).toEqual({ available: true, value: 2_000 / 13_000 });
    // (new + reactivation + expansion) / (churn + contraction) = 10000 / 5000.
    expect(c.quickRatio).toEqual({ available: true, value: 2 });
    // Start customers' MRR at the end: Ann 1000 + Ben 0 + Dan 3000 + Eve 1000 + Hal 1000 + Ivy 0 + Jon 1000
    //   + Kim 1000 + Ned 3000 = 11000, over their 13000 at the start.
    expect(c.netRevenueRetention).toEqual({ available: true, value: 11_000 / 13_000 });
    // ARPU = 18000 / 10.
    expect(c.arpuMinor).toEqual({ available: true, value: 1_800 });
    expect(report.footnotes.join(' ')).toMatch(/reactivation is counted in the numerator/);
  });

  it('cash, refunds, failed and recovered payments, past-due MRR', () => {
    // Payments dated in March: Ann 1000, Cat 3000, Dan 2000 (prorated), Eve 3000 + 1000, Fay 1000, Gus 1000,
    //   Kim 1000, Lee 3000, Moe 50000 (lifetime) = 66000; refunds: Fay 1000; revenue 65000.
    expect(report.current.cash).toEqual({
      paymentsMinor: 66_000,
      refundsMinor: 1_000,
      revenueMinor: 65_000,
      refundRate: { available: true, value: 1_000 / 66_000 },
      failedPayments: 3, // Ivy Mar 1, Kim Mar 13, Jon Mar 28
      failedMinor: 3_000,
      recoveredPayments: 1, // Kim, paid Mar 16
      recoveredMinor: 1_000,
    });
    // Jon's renewal failed Mar 28: still counted, at risk of involuntary churn.
    expect(report.current.pastDueMrrMinor).toBe(1_000);
    expect(report.current.pastDueCustomers).toBe(1);
  });

  it('the previous period (February)', () => {
    expect('period' in report.previous).toBe(true);
    const p = report.previous as Exclude<RevenueReport['previous'], { available: false }>;
    // Start of Feb (end of Jan 31): Ann, Ben, Dan, Hal, Ivy, Jon, Kim 1000 each + Eve 3000 = 10000, 8 customers
    //   (Gus left Jan 30). February: Ned new 3000, nothing else -> 13000.
    expect(p.period).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect([p.mrrStartMinor, p.customersStart, p.mrrEndMinor, p.customersEnd]).toEqual([10_000, 8, 13_000, 9]);
    expect(p.movements).toEqual({
      newMinor: 3_000,
      reactivationMinor: 0,
      expansionMinor: 0,
      contractionMinor: 0,
      churnMinor: 0,
      netNewMinor: 3_000,
    });
    expect(p.customerChurnRate).toEqual({ available: true, value: 0 });
    // No churn or contraction: the quick ratio has no denominator.
    expect(p.quickRatio).toMatchObject({ available: false, display: '—' });
    // Feb payments: Ann 1000, Ben 1000, Dan 1000, Eve 3000, Jon 1000, Kim 1000, Ned 9000 = 17000.
    expect(p.cash.paymentsMinor).toBe(17_000);
    expect(p.cash.failedPayments).toBe(0);
  });

  it('LTV from the last 6 full months', () => {
    // Months Oct 2025 - Mar 2026. Customers at each month's start and churned among them:
    //   Oct, Nov, Dec: Hal only, 0 churned -> 0; Jan: Hal, Gus, Ivy, Gus left Jan 30 -> 1/3;
    //   Feb: 8, none -> 0; Mar: 9, Ben and Ivy -> 2/9. Average = (1/3 + 2/9) / 6 = 5/54.
    // LTV = ARPU / rate = 1800 * 54 / 5 = 19440.
    expect(report.ltv.months.map((m) => m.from)).toEqual([
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(report.ltv.monthlyChurnRate.available && report.ltv.monthlyChurnRate.value).toBeCloseTo(5 / 54, 12);
    expect(report.ltv.ltvMinor).toEqual({ available: true, value: 19_440 });
  });

  it('the daily MRR series for the chart, from the start to the end', () => {
    const series = new Map(report.mrrDaily.map((d) => [d.day, d.mrrMinor]));
    expect(report.mrrDaily).toHaveLength(32);
    expect(report.mrrDaily[0]).toEqual({ day: '2026-02-28', mrrMinor: 13_000 });
    expect(report.mrrDaily.at(-1)).toEqual({ day: '2026-03-31', mrrMinor: 18_000 });
    // Mar 1 -Ivy 12000; Mar 3 +Dan 2000 = 14000; Mar 5 +Cat = 17000; Mar 8 +Fay = 18000; Mar 12 -Fay = 17000;
    // Mar 15 +Gus = 18000; Mar 17 +Lee = 21000; Mar 20 -Eve 2000 = 19000; Mar 21 -Ben = 18000.
    expect(
      [
        '2026-03-01',
        '2026-03-03',
        '2026-03-05',
        '2026-03-08',
        '2026-03-12',
        '2026-03-15',
        '2026-03-17',
        '2026-03-20',
        '2026-03-21',
      ].map((d) => series.get(d)),
    ).toEqual([12_000, 14_000, 17_000, 18_000, 17_000, 18_000, 21_000, 19_000, 18_000]);
    expect(series.get('2026-03-16')).toBe(18_000); // Kim's failed renewal (Mar 13) recovered Mar 16: no dip
  });
});

describe('drill-down: the members and payments behind each figure', () => {
  const march = { from: '2026-03-01', to: '2026-04-01', asOf };
  async function drill(figure: string): Promise<Drilldown> {
    const result = await revenueDrilldown(pool, co.id, { ...march, figure });
    if (!result.ok) throw new Error(result.limit.message);
    return result.value;
  }
  const rows = (d: Drilldown) => d.rows.map((r) => [r.name, r.day, r.amountMinor]);

  it('lists each movement by customer, day and amount', async () => {
    expect(rows(await drill('new'))).toEqual([
      ['Cat', '2026-03-05', 3000],
      ['Lee', '2026-03-17', 3000],
      ['Fay', '2026-03-08', 1000],
    ]);
    expect(rows(await drill('reactivation'))).toEqual([['Gus', '2026-03-15', 1000]]);
    expect(rows(await drill('expansion'))).toEqual([['Dan', '2026-03-03', 2000]]);
    expect(rows(await drill('contraction'))).toEqual([['Eve', '2026-03-20', 2000]]);
    expect(rows(await drill('churn'))).toEqual([
      ['Ivy', '2026-03-01', 1000],
      ['Fay', '2026-03-12', 1000],
      ['Ben', '2026-03-21', 1000],
    ]);
    expect(rows(await drill('churned_customers'))).toEqual([
      ['Ivy', '2026-03-01', 1000],
      ['Ben', '2026-03-21', 1000],
    ]);
    expect(rows(await drill('past_due'))).toEqual([['Jon', '2026-03-31', 1000]]);
  });

  it('lists the payments, refunds and failures behind cash', async () => {
    const payments = await drill('payments');
    expect(payments.count).toBe(10);
    expect(payments.rows[0]).toMatchObject({ name: 'Moe', day: '2026-03-05', amountMinor: 50_000 });
    expect(payments.rows.every((r) => r.paymentWhopId?.startsWith('pay_'))).toBe(true);
    expect(rows(await drill('refunds'))).toEqual([['Fay', '2026-03-12', 1000]]);
    expect(rows(await drill('failed_payments'))).toEqual([
      ['Ivy', '2026-03-01', 1000],
      ['Kim', '2026-03-13', 1000],
      ['Jon', '2026-03-28', 1000],
    ]);
    expect(rows(await drill('recovered_payments'))).toEqual([['Kim', '2026-03-13', 1000]]);
  });

  it('adds up to the figure in the report, for every figure', async () => {
    const c = report.current;
    const expected: Record<string, number> = {
      new: c.movements.newMinor,
      reactivation: c.movements.reactivationMinor,
      expansion: c.movements.expansionMinor,
      contraction: c.movements.contractionMinor,
      churn: c.movements.churnMinor,
      mrr_start: c.mrrStartMinor,
      mrr_end: c.mrrEndMinor,
      past_due: c.pastDueMrrMinor,
      payments: c.cash.paymentsMinor,
      refunds: c.cash.refundsMinor,
      failed_payments: c.cash.failedMinor,
      recovered_payments: c.cash.recoveredMinor,
    };
    for (const [figure, total] of Object.entries(expected))
      expect([figure, (await drill(figure)).totalMinor]).toEqual([figure, total]);
    expect((await drill('mrr_start')).count).toBe(c.customersStart);
    expect((await drill('mrr_end')).count).toBe(c.customersEnd);
    expect((await drill('churned_customers')).count).toBe(c.churnedCustomers);
  });

  it('rejects an unknown figure with a clear error', async () => {
    await expect(revenueDrilldown(pool, co.id, { ...march, figure: 'profit' })).rejects.toThrow(
      /unknown figure "profit"/,
    );
  });
});

describe('as of a later instant', () => {
  it('restates a failed renewal unpaid after 30 days as churn dated at the renewal', async () => {
    // As of May 1, Jon's Mar 28 failure is 34 days old and unpaid: delinquent churn on Mar 28, so March has
    // churn 3000 + 1000 = 4000, MRR at the end 17000 and nothing past due.
    const later = await revenueReport(pool, co.id, {
      from: '2026-03-01',
      to: '2026-04-01',
      asOf: new Date('2026-05-01T00:00:00Z'),
    });
    if (!later.ok) throw new Error(later.limit.message);
    expect(later.value.current.movements.churnMinor).toBe(4_000);
    expect(later.value.current.mrrEndMinor).toBe(17_000);
    expect(later.value.current.pastDueMrrMinor).toBe(0);
    expect(later.value.current.churnedCustomers).toBe(3);
  });

  it('sees nothing after asOf: on Mar 10 Ivy is still in grace and Fay not yet refunded', async () => {
    const early = await revenueReport(pool, co.id, {
      from: '2026-03-01',
      to: '2026-03-11',
      asOf: new Date('2026-03-10T12:00:00Z'),
    });
    if (!early.ok) throw new Error(early.limit.message);
    // As of Mar 10 12:00 Ivy's Mar 1 failure is 9 days old: still counted, past due. End of Mar 10:
    //   13000 + Dan 2000 + Cat 3000 + Fay 1000 = 19000 (Fay's refund on Mar 12 not yet seen), no churn.
    expect(early.value.current.mrrEndMinor).toBe(19_000);
    expect(early.value.current.movements.churnMinor).toBe(0);
    expect(early.value.current.pastDueMrrMinor).toBe(1_000);
  });
});

describe('concurrent answers', () => {
  it('each answer is as of its own instant even when others rebuild the rollup meanwhile', async () => {
    const q = (asOfText: string) =>
      revenueReport(pool, co.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date(asOfText) });
    const results = await Promise.all([
      q('2026-04-01T00:00:00Z'),
      q('2026-05-01T00:00:00Z'),
      q('2026-04-01T00:00:00Z'),
      q('2026-05-01T00:00:00Z'),
    ]);
    // As of Apr 1 Jon is past due (churn 3000); as of May 1 his failure is delinquent (churn 4000).
    expect(results.map((r) => r.ok && r.value.current.movements.churnMinor)).toEqual([3_000, 4_000, 3_000, 4_000]);
  });
});

describe('monthly cohorts', () => {
  it('retention by customers and by MRR, measured at each month end (Apr 1 for the current month)', async () => {
    const result = await cohortRetention(pool, co.id, { asOf });
    if (!result.ok) throw new Error(result.limit.message);
    const table = Object.fromEntries(
      result.value.rows.map((r) => [
        r.cohort,
        {
          customers: r.customers,
          startMrr: r.startMrrMinor,
          held: r.cells.map((c) => `${c.measuredOn}:${c.customers}/${c.mrrMinor}`),
        },
      ]),
    );
    expect(Object.keys(table)).toEqual(['2025-06-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']);
    // Hal (annual, 1000) pays on 2025-06-01 and stays: 1 of 1 with 1000 at every month end.
    expect(table['2025-06-01']!.held).toEqual([
      '2025-06-30:1/1000',
      '2025-07-31:1/1000',
      '2025-08-31:1/1000',
      '2025-09-30:1/1000',
      '2025-10-31:1/1000',
      '2025-11-30:1/1000',
      '2025-12-31:1/1000',
      '2026-01-31:1/1000',
      '2026-02-28:1/1000',
      '2026-03-31:1/1000',
      '2026-04-01:1/1000',
    ]);
    // Gus (Dec 1) and Ivy (Dec 31), 2000: Dec both; Jan Ivy only (Gus left Jan 30); Feb Ivy; Mar Gus again
    // (back Mar 15) and not Ivy (delinquent Mar 1); Apr 1 Gus.
    expect(table['2025-12-01']).toEqual({
      customers: 2,
      startMrr: 2000,
      held: ['2025-12-31:2/2000', '2026-01-31:1/1000', '2026-02-28:1/1000', '2026-03-31:1/1000', '2026-04-01:1/1000'],
    });
    // Ann, Ben, Dan, Eve (3000), Jon, Kim: 6 customers, 8000. End of Mar: Ben gone, Dan 3000, Eve 1000 -> 5, 7000.
    expect(table['2026-01-01']).toEqual({
      customers: 6,
      startMrr: 8000,
      held: ['2026-01-31:6/8000', '2026-02-28:6/8000', '2026-03-31:5/7000', '2026-04-01:5/7000'],
    });
    expect(table['2026-02-01']).toEqual({
      customers: 1,
      startMrr: 3000,
      held: ['2026-02-28:1/3000', '2026-03-31:1/3000', '2026-04-01:1/3000'],
    });
    // Cat 3000, Fay 1000, Lee 3000 (Gus is a reactivation, not a March newcomer); Fay refunded Mar 12.
    expect(table['2026-03-01']).toEqual({
      customers: 3,
      startMrr: 7000,
      held: ['2026-03-31:2/6000', '2026-04-01:2/6000'],
    });
    const jan = result.value.rows.find((r) => r.cohort === '2026-01-01')!;
    expect(jan.cells[2]).toMatchObject({
      k: 2,
      partial: false,
      customerRetention: { available: true, value: 5 / 6 },
      mrrRetention: { available: true, value: 7000 / 8000 },
    });
    expect(jan.cells[3]).toMatchObject({ k: 3, partial: true });
  });
});
