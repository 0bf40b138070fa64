// The /revenue answer on the 100k-member / 24-month database (pulse_bench_100k, shared with the engagement
// bench): the rollup rebuilt once as of the simulation's end, then 2 warm-up and 20 timed runs of the full
// answer (MRR, movements, rates, LTV over 6 months, 12-month NRR, cash, failures, past due, previous period,
// daily series). In the same run the same answer computed the load-and-reduce way (plans, memberships,
// payments and refunds selected into Node and reduced there, test/revenue/reference/) 3 times; both must be
// identical. Run alone: node test/bench/core-revenue.ts
import { isDeepStrictEqual } from 'node:util';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { rebuildRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { revenueReport, type RevenueQuery } from '../../core/revenue/revenue.service.ts';
import type { RevenueReport } from '../../core/revenue/types.ts';
import { benchSim, ensureBenchDatabase } from './bench-database.ts';
import { loadAndReduceReport } from '../revenue/reference/reduce-source.ts';
import { record, stats, type Figure, timeRuns } from './record.ts';

const WARMUP = 2;
const RUNS = 20;
const BASELINE_RUNS = 3;
const asOf = new Date(benchSim.endDate);
/** The last full month of the simulated history; tier not applied (the simulated company is on free). */
const query: RevenueQuery = { from: '2026-10-01', to: '2026-11-01', asOf, enforceTier: false };

async function pulseAnswer(pool: pg.Pool, companyId: number): Promise<RevenueReport> {
  const result = await revenueReport(pool, companyId, query);
  if (!result.ok) throw new Error(result.limit.message);
  return result.value;
}

export async function benchRevenue(url: string, companyId: number): Promise<{ figures: Figure[]; markdown: string }> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const loadBefore = loadavg()[0]!;
    const size = (
      await pool.query(
        `select (select count(*) from members where company_id = $1)::int as members, (select count(*) from payments where company_id = $1)::int as payments,
         (select count(*) from memberships where company_id = $1)::int as memberships`,
        [companyId],
      )
    ).rows[0]!;
    const r0 = performance.now();
    const state = await rebuildRevenueRollup(pool, companyId, asOf);
    const rebuildMs = performance.now() - r0;
    await timeRuns(WARMUP, () => pulseAnswer(pool, companyId));
    const pulse = await timeRuns(RUNS, () => pulseAnswer(pool, companyId));
    const baseline = await timeRuns(BASELINE_RUNS, () => loadAndReduceReport(pool, companyId, query));
    const loadAfter = loadavg()[0]!;
    if (!isDeepStrictEqual(pulse.last, baseline.last)) {
      throw new Error('core-revenue: the rollup answer and the load-and-reduce answer differ');
    }
    const p = stats(pulse.samples);
    const b = stats(baseline.samples);
    const c = pulse.last.current;
    const figures: Figure[] = [
      { name: 'core.revenue.p95_ms', value: p.p95, unit: 'ms', n: RUNS },
      { name: 'core.revenue.median_ms', value: p.median, unit: 'ms', n: RUNS },
      { name: 'core.revenue.speedup_vs_load_and_reduce', value: b.median / p.median, unit: 'x', n: BASELINE_RUNS },
      { name: 'core.revenue.load_and_reduce_median_ms', value: b.median, unit: 'ms', n: BASELINE_RUNS },
      { name: 'core.revenue.rollup_rebuild_s', value: rebuildMs / 1000, unit: 's', n: 1 },
      { name: 'core.revenue.speedup_incl_rebuild', value: b.median / (rebuildMs + p.median), unit: 'x', n: 1 },
    ];
    const ms = (x: number) => x.toFixed(1);
    const markdown = [
      `The /revenue answer for ${query.from}..${query.to} (exclusive) as of ${asOf.toISOString()} on \`pulse_bench_100k\``,
      `(${size.members.toLocaleString('en-US')} members, ${size.memberships.toLocaleString('en-US')} memberships, ${size.payments.toLocaleString('en-US')} payments, 24 months):`,
      `MRR ${c.mrrStartMinor} -> ${c.mrrEndMinor} minor units, ${c.customersEnd.toLocaleString('en-US')} customers at the end. Pool of 4 connections;`,
      `${WARMUP} warm-up runs, ${RUNS} timed. Machine load (1-min average) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on 2 cores shared with other work.`,
      '',
      '| way | median ms | p95 ms | runs |',
      '|---|---:|---:|---:|',
      `| Pulse (revenue rollup, SQL) | ${ms(p.median)} | ${ms(p.p95)} | ${RUNS} |`,
      `| load-and-reduce (rows into Node) | ${ms(b.median)} | ${ms(b.p95)} | ${BASELINE_RUNS} |`,
      '',
      `Speed-up ${(b.median / p.median).toFixed(1)}x on the answer; the two answers are identical (deep equality).`,
      `The rollup it reads (${state.spans.toLocaleString('en-US')} customer MRR spans + revenue_daily) was rebuilt in ${(rebuildMs / 1000).toFixed(2)} s`,
      `(once per as-of instant, by the job or the first answer); counting the rebuild the speed-up is ${(b.median / (rebuildMs + p.median)).toFixed(1)}x.`,
    ].join('\n');
    return { figures, markdown };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const bench = await ensureBenchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const { figures, markdown } = await benchRevenue(bench.url, bench.companyId);
  record('core-revenue', figures, markdown);
  console.log(markdown);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
