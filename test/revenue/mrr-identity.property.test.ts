// Property: on 200 random payment histories (random-history.ts) and 1-4 random periods each,
// MRR(end) = MRR(start) + new + reactivation + expansion - contraction - churn holds exactly; the daily
// series starts and ends on those values; the customers behind MRR(end) add up to it; and every figure of the
// answer (both periods' MRR, movements, customers, rates, ARPU, cash, past due, and LTV) equals the one worked
// out from the raw rows by reference/ (spans reduced in JS, figures by the metric definitions), which shares no
// code with production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { revenueDrilldown } from '../../core/revenue/drilldown.service.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import type { Figure } from '../../core/revenue/figure.ts';
import type { PeriodRevenue, RevenueReport } from '../../core/revenue/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type Fixtures } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { randomCompany } from './random-history.ts';
import { loadCompanyRows } from './reference/load-rows.ts';
import { referenceFigures, type PeriodFigures, type ReportFigures } from './reference/reference-figures.ts';

let db: TestDatabase;
let pool: pg.Pool;
let fx: Fixtures;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url, 6);
  fx = fixtures(pool);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const value = (f: Figure) => (f.available ? f.value : null);

/** The production answer in the reference's shape (field by field, nothing computed). */
function periodFiguresOf(p: PeriodRevenue): PeriodFigures {
  const m = p.movements;
  return {
    from: p.period.from,
    to: p.period.to,
    mrrStart: p.mrrStartMinor,
    mrrEnd: p.mrrEndMinor,
    arrEnd: p.arrEndMinor,
    customersStart: p.customersStart,
    customersEnd: p.customersEnd,
    movements: {
      new: m.newMinor,
      reactivation: m.reactivationMinor,
      expansion: m.expansionMinor,
      contraction: m.contractionMinor,
      churn: m.churnMinor,
      netNew: m.netNewMinor,
    },
    churnedCustomers: p.churnedCustomers,
    customerChurnRate: value(p.customerChurnRate),
    grossMrrChurnRate: value(p.grossMrrChurnRate),
    netMrrChurnRate: value(p.netMrrChurnRate),
    quickRatio: value(p.quickRatio),
    netRevenueRetention: value(p.netRevenueRetention),
    arpu: value(p.arpuMinor),
    cash: {
      payments: p.cash.paymentsMinor,
      refunds: p.cash.refundsMinor,
      revenue: p.cash.revenueMinor,
      refundRate: value(p.cash.refundRate),
      failed: p.cash.failedPayments,
      failedMinor: p.cash.failedMinor,
      recovered: p.cash.recoveredPayments,
      recoveredMinor: p.cash.recoveredMinor,
    },
    pastDueMrr: p.pastDueMrrMinor,
    pastDueCustomers: p.pastDueCustomers,
  };
}

function figuresOf(r: RevenueReport): ReportFigures {
  return {
    current: periodFiguresOf(r.current),
    previous: 'movements' in r.previous ? periodFiguresOf(r.previous) : null,
    ltv: {
      months: r.ltv.months.map((m) => m.from),
      monthlyChurnRate: value(r.ltv.monthlyChurnRate),
      ltv: value(r.ltv.ltvMinor),
    },
  };
}

const BATCHES = 4;
const PER_BATCH = 50;

/** How many checked periods showed each kind of movement (so the histories are known not to be trivial). */
const seen: Record<string, number> = {
  new: 0,
  reactivation: 0,
  expansion: 0,
  contraction: 0,
  churn: 0,
  pastDue: 0,
  failed: 0,
  refunds: 0,
};

async function checkSeed(seed: number): Promise<number> {
  const { co, asOf, periods } = await randomCompany(fx, seed);
  let checked = 0;
  for (const period of periods) {
    const q = { ...period, asOf };
    const result = await revenueReport(pool, co.id, q);
    if (!result.ok) throw new Error(`seed ${seed}: ${result.limit.message}`);
    const r = result.value;
    const m = r.current.movements;
    const where = `seed ${seed} ${period.from}..${period.to} as of ${asOf.toISOString()} (${co.timeZone})`;
    expect(
      r.current.mrrStartMinor + m.newMinor + m.reactivationMinor + m.expansionMinor - m.contractionMinor - m.churnMinor,
      where,
    ).toBe(r.current.mrrEndMinor);
    expect([r.mrrDaily[0]!.mrrMinor, r.mrrDaily.at(-1)!.mrrMinor], where).toEqual([
      r.current.mrrStartMinor,
      r.current.mrrEndMinor,
    ]);
    if ('movements' in r.previous) {
      const p = r.previous.movements;
      expect(r.previous.mrrStartMinor + p.netNewMinor, where).toBe(r.previous.mrrEndMinor);
      expect(r.previous.mrrEndMinor, where).toBe(r.current.mrrStartMinor);
    }
    const end = await revenueDrilldown(pool, co.id, { ...q, figure: 'mrr_end' });
    expect(end.ok && end.value.totalMinor, where).toBe(r.current.mrrEndMinor);
    expect(figuresOf(r), where).toEqual(referenceFigures(await loadCompanyRows(pool, co.id), q));
    const c = r.current;
    for (const [kind, amount] of [
      ['new', m.newMinor],
      ['reactivation', m.reactivationMinor],
      ['expansion', m.expansionMinor],
      ['contraction', m.contractionMinor],
      ['churn', m.churnMinor],
      ['pastDue', c.pastDueMrrMinor],
      ['failed', c.cash.failedPayments],
      ['refunds', c.cash.refundsMinor],
    ] as const)
      if (amount > 0) seen[kind]!++;
    checked++;
  }
  return checked;
}

describe('the MRR identity on random histories', () => {
  for (let batch = 0; batch < BATCHES; batch++) {
    it(`holds for seeds ${batch * PER_BATCH + 1}..${(batch + 1) * PER_BATCH}`, async () => {
      let periods = 0;
      for (let seed = batch * PER_BATCH + 1; seed <= (batch + 1) * PER_BATCH; seed++) periods += await checkSeed(seed);
      expect(periods).toBeGreaterThanOrEqual(PER_BATCH * 2);
    }, 240_000);
  }
  it('exercised every kind of movement, past due, failures and refunds', () => {
    for (const [kind, periods] of Object.entries(seen)) expect([kind, periods > 10]).toEqual([kind, true]);
  });
});
