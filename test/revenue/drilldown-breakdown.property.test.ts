// Property: on random payment histories (random-history.ts: plan changes, second memberships, refunds,
// failed renewals, cancellations) and random periods, every movement's drill-down adds up to the report's
// figure exactly, and so do the rows of the by-plan and by-product breakdowns (MRR at start and end and each
// movement); each breakdown row's own bridge holds (start + net new + moved = end) and what moved between
// plans sums to 0; the drill-down grouped by plan gives the by-plan movements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { revenueBreakdown } from '../../core/revenue/breakdown.service.ts';
import { revenueDrilldown } from '../../core/revenue/drilldown.service.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import type { MrrMovements } from '../../core/revenue/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type Fixtures } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { randomCompany } from './random-history.ts';

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

const BATCHES = 2;
const PER_BATCH = 15;
const movementKeys = {
  new: 'newMinor',
  reactivation: 'reactivationMinor',
  expansion: 'expansionMinor',
  contraction: 'contractionMinor',
  churn: 'churnMinor',
} as const;
/** Periods in which a movement had rows from two plans, or a plan change moved MRR (the histories are not trivial). */
const seen = { multiPlanMovement: 0, moved: 0, movements: 0 };

async function checkSeed(seed: number): Promise<number> {
  const { co, asOf, periods } = await randomCompany(fx, seed);
  for (const period of periods) {
    const q = { ...period, asOf };
    const where = `seed ${seed} ${period.from}..${period.to} as of ${asOf.toISOString()}`;
    const report = await revenueReport(pool, co.id, q);
    if (!report.ok) throw new Error(report.limit.message);
    const c = report.value.current;
    const byPlanFromRows = new Map<number, Record<string, number>>();
    for (const [figure, key] of Object.entries(movementKeys)) {
      const d = await revenueDrilldown(pool, co.id, { ...q, figure });
      if (!d.ok) throw new Error(d.limit.message);
      expect([where, figure, d.value.totalMinor, d.value.rows.reduce((s, r) => s + r.amountMinor, 0)]).toEqual([
        where,
        figure,
        c.movements[key],
        c.movements[key],
      ]);
      expect(
        d.value.rows.every((r) => r.amountMinor > 0 && r.membershipWhopId !== null && r.planId !== null),
        where,
      ).toBe(true);
      for (const r of d.value.rows) {
        const plan = byPlanFromRows.get(r.planId!) ?? {};
        plan[key] = (plan[key] ?? 0) + r.amountMinor;
        byPlanFromRows.set(r.planId!, plan);
      }
      if (new Set(d.value.rows.map((r) => r.planId)).size > 1) seen.multiPlanMovement++;
      if (d.value.count > 0) seen.movements++;
    }
    for (const [figure, expected] of [
      ['past_due', c.pastDueMrrMinor],
      ['mrr_start', c.mrrStartMinor],
      ['mrr_end', c.mrrEndMinor],
      ['recovered_payments', c.cash.recoveredMinor],
      ['refunds', c.cash.refundsMinor],
    ] as const) {
      const d = await revenueDrilldown(pool, co.id, { ...q, figure });
      expect([where, figure, d.ok && d.value.totalMinor]).toEqual([where, figure, expected]);
    }
    for (const by of ['plan', 'product']) {
      const b = await revenueBreakdown(pool, co.id, { ...q, by });
      if (!b.ok) throw new Error(b.limit.message);
      const rows = b.value.rows;
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
      const movements = (Object.keys(c.movements) as Array<keyof MrrMovements>).map((k) => sum((r) => r.movements[k]));
      expect([
        where,
        by,
        sum((r) => r.mrrStartMinor),
        sum((r) => r.mrrEndMinor),
        ...movements,
        sum((r) => r.movedMinor),
      ]).toEqual([where, by, c.mrrStartMinor, c.mrrEndMinor, ...Object.values(c.movements), 0]);
      expect([where, b.value.total.customersStart, b.value.total.customersEnd]).toEqual([
        where,
        c.customersStart,
        c.customersEnd,
      ]);
      expect(
        sum((r) => r.customersEnd),
        where,
      ).toBeGreaterThanOrEqual(c.customersEnd);
      for (const r of rows)
        expect([where, r.title, r.mrrStartMinor + r.movements.netNewMinor + r.movedMinor]).toEqual([
          where,
          r.title,
          r.mrrEndMinor,
        ]);
      if (rows.some((r) => r.movedMinor !== 0)) seen.moved++;
      if (by === 'plan') {
        for (const r of rows) {
          const fromRows = byPlanFromRows.get(r.id!) ?? {};
          for (const key of Object.values(movementKeys))
            expect([where, r.title, key, fromRows[key] ?? 0]).toEqual([where, r.title, key, r.movements[key]]);
        }
      }
    }
  }
  return periods.length;
}

describe('drill-downs and breakdowns add up on random histories', () => {
  for (let batch = 0; batch < BATCHES; batch++) {
    it(`for seeds ${batch * PER_BATCH + 1}..${(batch + 1) * PER_BATCH}`, async () => {
      let periods = 0;
      for (let seed = batch * PER_BATCH + 1; seed <= (batch + 1) * PER_BATCH; seed++) periods += await checkSeed(seed);
      expect(periods).toBeGreaterThanOrEqual(PER_BATCH * 2);
    }, 240_000);
  }
  it('met movements spread over plans and MRR moving between plans', () => {
    expect([seen.multiPlanMovement > 5, seen.moved > 5, seen.movements > 50]).toEqual([true, true, true]);
  });
});
