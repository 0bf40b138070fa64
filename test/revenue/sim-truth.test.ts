// Against an oracle that is not ours: a simulated community (demo/sim) loaded with demo/load, whose ground
// truth knows at every month end which members hold a counted paid subscription (active, cancelling or
// past due; not trialing). Pulse's customers on each month's last day must be exactly those. The simulator
// expires a membership 14 days after an unpaid renewal; docs/metrics.md#mrr counts it past due until then, so
// no month end is restated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { addDays } from '../../core/period.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import { rebuildRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { createSim, materialize, type MaterializedSim, type SimOptions } from '../../demo/sim/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { testPool } from './pool.ts';
import { loadAndReduceReport } from './reference/reduce-source.ts';

const opts: SimOptions = {
  seed: 4242,
  members: 1_500,
  months: 24,
  endDate: '2026-11-01T00:00:00Z',
  activityPerMemberPerMonth: 0.5,
};
const asOf = new Date(opts.endDate);

let db: TestDatabase;
let pool: pg.Pool;
let companyId: number;
let sim: MaterializedSim;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  companyId = (await loadCommunity(db.url, createSim(opts), { analyze: false })).companyId;
  sim = materialize(opts);
  await rebuildRevenueRollup(pool, companyId, asOf);
}, 180_000);
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function customersOn(day: string): Promise<Set<string>> {
  const { rows } = await pool.query(
    `select m.whop_user_id from customer_mrr_spans s join members m on m.id = s.member_id
     where s.company_id = $1 and s.from_day <= $2 and (s.to_day is null or s.to_day > $2)`,
    [companyId, day],
  );
  return new Set(rows.map((r) => r.whop_user_id as string));
}

describe("customers at each month end match the simulator's ground truth", () => {
  it('for all 24 month ends, member by member', async () => {
    const tz = (await pool.query('select time_zone from companies where id = $1', [companyId])).rows[0]!.time_zone;
    expect(tz).toBe('UTC');
    const snapshotTimes = [...new Set(sim.truth.flatMap((t) => t.snapshots.map((s) => s.at)))].sort();
    expect(snapshotTimes).toHaveLength(24);
    let compared = 0;
    for (const at of snapshotTimes) {
      const expected = sim.truth
        .filter((truth) => truth.snapshots.find((s) => s.at === at)?.subscribed)
        .map((truth) => truth.userId)
        .sort();
      const day = addDays(at.slice(0, 10), -1); // the snapshot is midnight UTC: the end of the day before
      expect([at, [...(await customersOn(day))].sort()]).toEqual([at, expected]);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it("the last month's answer holds the identity and equals the load-and-reduce computation", async () => {
    const q = { from: '2026-10-01', to: '2026-11-01', asOf, enforceTier: false }; // the simulated company is on the free tier
    const result = await revenueReport(pool, companyId, q);
    if (!result.ok) throw new Error(result.limit.message);
    const c = result.value.current;
    expect(c.mrrStartMinor + c.movements.netNewMinor).toBe(c.mrrEndMinor);
    expect(c.movements.newMinor).toBeGreaterThan(0);
    expect(c.movements.churnMinor).toBeGreaterThan(0);
    expect(await loadAndReduceReport(pool, companyId, q)).toEqual(result.value);
  });
});
