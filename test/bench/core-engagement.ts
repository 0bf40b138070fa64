// Engagement and content answers on the 100k-member / 10M-event database, and the forecast back-test on its
// 24-month history. Each answer: first on a fresh pool whose connections were just opened (new PostgreSQL
// backends: what the first command after a restart meets; server/main.ts opens them at start), then 10 warm-up
// runs (the pool's connections each used, as a running server keeps them: REQUEST_POOL_WARM), then 60 timed
// (median, p95: the 95th percentile of 20 runs was their second slowest, one slow moment of the machine); in the
// same run the load-and-reduce way (raw rows into Node, reduced there) is timed 3 times, checked to give the same
// numbers, and the ratio recorded. Run alone: node test/bench/core-engagement.ts
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPool, warmPool } from '../../core/db/pool.ts';
import { rollupContent } from '../../core/content/content-rollup.ts';
import { contentReport } from '../../core/content/content.service.ts';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import type { EngagementReport } from '../../core/engagement/engagement-report.ts';
import { engagementReport } from '../../core/engagement/engagement.service.ts';
import { backtestMrrForecast } from '../../core/forecast/forecast-mrr.ts';
import { mrrSeries } from '../../core/revenue/revenue.service.ts';
import { ensureRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { contentByLoadAndReduce } from '../content/content-load-and-reduce.ts';
import { benchSim, ensureBenchDatabase } from './bench-database.ts';
import { engagementByLoadAndReduce, type ReducedEngagement } from '../engagement/engagement-load-and-reduce.ts';
import { unwrap } from '../helpers/activity-fixtures.ts';
import { record, stats, type Figure, timeRuns } from './record.ts';

const WARMUP = 10;
const RUNS = 60;
const BASELINE_RUNS = 3;
const asOf = new Date(benchSim.endDate);
/** The 30 days before the simulation's end (tier not applied: the simulated company is on free), and the rollup days they need. */
const period = { from: '2026-10-02', to: '2026-11-01', asOf, enforceTier: false };
const rollupDays = ['2026-08-31', '2026-10-31'] as const;
const limit = 50;

const ms = (x: number) => x.toFixed(1);

function engagementMismatches(r: EngagementReport, b: ReducedEngagement): string[] {
  const out: string[] = [];
  const check = (what: string, a: unknown, c: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(c)) out.push(`${what}: ${JSON.stringify(a)} vs ${JSON.stringify(c)}`);
  };
  ['now', 'previous'].forEach((when, i) => {
    const key = when as 'now' | 'previous';
    const e = b.ends[i]!;
    check(
      `${when} counts`,
      [r.members[key], r.active[key], r.idle[key], r.dormant[key], r.atRisk[key]],
      [e.members, e.active, e.idle, e.dormant, e.atRisk],
    );
  });
  check(
    'daily',
    r.dailyScore.map((d) => [d.day, d.members, d.average === null ? null : +d.average.toFixed(9)]),
    b.daily.map((d) => [d.day, d.members, d.members === 0 ? null : +(d.scoreSum / d.members).toFixed(9)]),
  );
  check(
    'heatmap',
    r.heatmap.filter((c) => c.events > 0).map((c) => [c.weekday, c.hour, c.events]),
    [...b.heatmap].map(([k, v]) => [...k.split(':').map(Number), v]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!),
  );
  check(
    'top',
    r.topMembers.map((l) => [l.memberId, l.score]),
    b.top.map((l) => [l.memberId, l.score]),
  );
  check(
    'fading',
    r.fadingMembers.map((l) => [l.memberId, l.startScore, l.score]),
    b.fading.map((l) => [l.memberId, l.startScore, l.score]),
  );
  return out;
}

export async function benchEngagement(
  url: string,
  companyId: number,
): Promise<{ figures: Figure[]; markdown: string }> {
  const pool = openPool(url, { max: 8, timeouts: 'request' }); // as the HTTP process answers: the request profile
  try {
    const run = async () => unwrap(await engagementReport(pool, companyId, { ...period, limit }));
    await warmPool(pool); // as a `web` process does when it starts (server/main.ts)
    const first = await timeRuns(1, run);
    await timeRuns(WARMUP, run);
    const pulse = await timeRuns(RUNS, run);
    const base = await timeRuns(BASELINE_RUNS, () => engagementByLoadAndReduce(pool, companyId, { ...period, limit }));
    const wrong = engagementMismatches(pulse.last, base.last);
    if (wrong.length > 0) throw new Error(`engagement: the two ways disagree:\n${wrong.slice(0, 5).join('\n')}`);
    const s = stats(pulse.samples);
    const b = stats(base.samples);
    const r = pulse.last;
    return {
      figures: [
        { name: 'core.engagement.p95_ms', value: s.p95, unit: 'ms', n: RUNS },
        { name: 'core.engagement.median_ms', value: s.median, unit: 'ms', n: RUNS },
        { name: 'core.engagement.first_answer_ms', value: first.samples[0]!, unit: 'ms', n: 1 },
        { name: 'core.engagement.load_and_reduce_median_ms', value: b.median, unit: 'ms', n: BASELINE_RUNS },
        { name: 'core.engagement.speedup_vs_load_and_reduce', value: b.median / s.median, unit: 'x' },
      ],
      markdown: `| engagement (${r.members.now.toLocaleString('en-US')} counted members; ${r.active.now} active, ${r.idle.now} idle, ${r.dormant.now} dormant) | ${ms(first.samples[0]!)} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(b.median)} | ${(b.median / s.median).toFixed(0)}x |`,
    };
  } finally {
    await pool.end();
  }
}

export async function benchContent(url: string, companyId: number): Promise<{ figures: Figure[]; markdown: string }> {
  const pool = openPool(url, { max: 8, timeouts: 'request' }); // as the HTTP process answers: the request profile
  try {
    const run = async () => unwrap(await contentReport(pool, companyId, period));
    await warmPool(pool); // as a `web` process does when it starts (server/main.ts)
    const first = await timeRuns(1, run);
    await timeRuns(WARMUP, run);
    const pulse = await timeRuns(RUNS, run);
    const base = await timeRuns(BASELINE_RUNS, () => contentByLoadAndReduce(pool, companyId, period));
    const wrong = pulse.last.items.filter((i) => {
      const c = base.last.get(i.itemId)!;
      const avg = i.avgTimeToComplete?.seconds ?? null;
      return (
        i.views !== c.views ||
        i.uniqueViewers !== c.uniqueViewers ||
        i.completions !== c.completions ||
        i.starters !== c.starters ||
        i.completers !== c.completers ||
        (avg === null) !== (c.avgSeconds === null) ||
        Math.abs((avg ?? 0) - (c.avgSeconds ?? 0)) > 1e-3 ||
        i.dropOff?.lessonId !== c.dropOff?.lessonId ||
        i.dropOff?.stopped !== c.dropOff?.stopped
      );
    });
    if (wrong.length > 0) throw new Error(`content: the two ways disagree on ${wrong.map((i) => i.title).join(', ')}`);
    const s = stats(pulse.samples);
    const b = stats(base.samples);
    const views = pulse.last.items.reduce((n, i) => n + (i.kind === 'lesson' ? i.views : 0), 0);
    return {
      figures: [
        { name: 'core.content.p95_ms', value: s.p95, unit: 'ms', n: RUNS },
        { name: 'core.content.median_ms', value: s.median, unit: 'ms', n: RUNS },
        { name: 'core.content.first_answer_ms', value: first.samples[0]!, unit: 'ms', n: 1 },
        { name: 'core.content.load_and_reduce_median_ms', value: b.median, unit: 'ms', n: BASELINE_RUNS },
        { name: 'core.content.speedup_vs_load_and_reduce', value: b.median / s.median, unit: 'x' },
      ],
      markdown: `| content (${pulse.last.items.length} items, ${views.toLocaleString('en-US')} lesson interactions in the period) | ${ms(first.samples[0]!)} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(b.median)} | ${(b.median / s.median).toFixed(0)}x |`,
    };
  } finally {
    await pool.end();
  }
}

export async function benchForecast(url: string, companyId: number): Promise<{ figures: Figure[]; markdown: string }> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const history = await mrrSeries(pool, companyId, { asOf });
    const t0 = performance.now();
    const bt = backtestMrrForecast(history);
    const seconds = (performance.now() - t0) / 1000;
    const pct = (x: number | null | undefined) => (x ?? NaN) * 100;
    const figures: Figure[] = [
      { name: 'forecast.mape30', value: pct(bt.pulse.mape[30]), unit: '%', n: bt.pulse.samples[30] },
      { name: 'forecast.naive_mape30', value: pct(bt.naive.mape[30]), unit: '%', n: bt.naive.samples[30] },
      { name: 'forecast.linear_mape30', value: pct(bt.linear.mape[30]), unit: '%', n: bt.linear.samples[30] },
      { name: 'forecast.coverage80', value: pct(bt.pulse.coverage), unit: '%', n: bt.pulse.coveragePairs },
      { name: 'forecast.mape90', value: pct(bt.pulse.mape[90]), unit: '%', n: bt.pulse.samples[90] },
      { name: 'forecast.naive_mape90', value: pct(bt.naive.mape[90]), unit: '%', n: bt.naive.samples[90] },
      { name: 'forecast.linear_mape90', value: pct(bt.linear.mape[90]), unit: '%', n: bt.linear.samples[90] },
    ];
    const markdown = [
      `Back-test of the MRR forecast (damped-trend exponential smoothing, 80% interval from back-test error quantiles) on the`,
      `simulated company's daily MRR (${history.length} days, ${history[0]?.day} to ${history[history.length - 1]?.day}; MRR ${history[history.length - 1]?.mrrMinor} minor units at the end):`,
      `${bt.cutoffs.length} cut-offs every 7 days, each forecasting 90 days from what was known then (${seconds.toFixed(1)} s).`,
      '',
      '| method | MAPE 30 d | MAPE 90 d | 80% interval coverage |',
      '|---|---:|---:|---:|',
      ...[bt.pulse, bt.naive, bt.linear].map(
        (m) =>
          `| ${m.name} | ${pct(m.mape[30]).toFixed(2)}% | ${pct(m.mape[90]).toFixed(2)}% | ${m.coverage === null ? '—' : `${pct(m.coverage).toFixed(1)}%`} |`,
      ),
      '',
      bt.verdict,
    ].join('\n');
    return { figures: figures.filter((f) => Number.isFinite(f.value)), markdown };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const bench = await ensureBenchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const pool = new pg.Pool({ connectionString: bench.url, max: 2 });
  const tr = performance.now();
  await ensureRevenueRollup(pool, bench.companyId, asOf);
  console.log(`revenue rollup as of ${asOf.toISOString()}: ${((performance.now() - tr) / 1000).toFixed(1)} s`);
  const rollupLoad = loadavg()[0]!;
  // A rebuild: the range's engagement rows are deleted, the table vacuumed and its key rebuilt first (not timed: a
  // rebuild into a range full of dead rows, or into a key still holding the emptied pages of earlier runs, would
  // time the last run's garbage), then rolled up; then run again (nothing changes).
  await pool.query('delete from engagement_daily where company_id = $1 and day between $2 and $3', [
    bench.companyId,
    ...rollupDays,
  ]);
  await pool.query('vacuum engagement_daily');
  await pool.query('reindex table engagement_daily');
  console.log(`engagement rollup of ${rollupDays.join('..')}`);
  const t0 = performance.now();
  const er = await rollupEngagement(pool, bench.companyId, ...rollupDays);
  const t1 = performance.now();
  console.log(`  rebuilt in ${((t1 - t0) / 1000).toFixed(1)} s; again`);
  const again = await rollupEngagement(pool, bench.companyId, ...rollupDays);
  const rerunSeconds = (performance.now() - t1) / 1000;
  if (again.written + again.removed > 0)
    throw new Error(`engagement rollup: a re-run changed ${again.written + again.removed} rows`);
  const t1b = performance.now();
  const cr = await rollupContent(pool, bench.companyId, ...rollupDays);
  const t2 = performance.now();
  const contentSeconds = (t2 - t1b) / 1000;
  const counts = (
    await pool.query(
      'select (select count(*) from members where company_id = $1)::int as members, (select count(*) from activity_events where company_id = $1)::int as events',
      [bench.companyId],
    )
  ).rows[0];
  // The tables as a production database keeps them: analyzed, as the nightly pipeline does after a rollup
  // (core/db/analyze.ts), and vacuumed, as autovacuum does after a bulk insert (which is what lets the answers read
  // their covering indexes alone). This machine's PostgreSQL runs with autovacuum off, so the bench does it. Not timed.
  await pool.query(
    'vacuum (analyze) engagement_daily, engagement_company_daily, content_daily, customer_mrr_spans, churn_predictions, activity_events',
  );
  await pool.query('analyze');
  // The rebuild above wrote ~1 GB of WAL and left its pages for the checkpointer: the answers are timed after that
  // write-back (not during it: the answer p95 was 112 ms right after the rebuild, 67 ms once it was written).
  await pool.query('checkpoint');
  await pool.end();
  const loadBefore = loadavg()[0]!;
  console.log('answers: engagement, then content');
  const e = await benchEngagement(bench.url, bench.companyId);
  const c = await benchContent(bench.url, bench.companyId);
  const loadAfter = loadavg()[0]!;
  const rollupFigures: Figure[] = [
    { name: 'core.engagement.rollup_61_days_s', value: (t1 - t0) / 1000, unit: 's' },
    { name: 'core.engagement.rollup_61_days_rerun_s', value: rerunSeconds, unit: 's' },
    { name: 'core.content.rollup_61_days_s', value: contentSeconds, unit: 's' },
  ];
  const markdown = [
    `One full answer's core computation on \`pulse_bench_100k\` (${counts.members.toLocaleString('en-US')} members, ${counts.events.toLocaleString('en-US')} activity events),`,
    `period ${period.from} to ${period.to} (30 days), pool of 8 connections (request profile); the first answer on the fresh pool (connections opened as a web process does at start),`,
    `then ${WARMUP} warm-up runs, then ${RUNS} timed.`,
    `Load-and-reduce: the raw rows the answer depends on loaded into Node and reduced there, ${BASELINE_RUNS} runs, same numbers checked.`,
    `Machine load (1-min average) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on 2 cores shared with other work.`,
    '',
    '| answer | first answer ms | median ms | p95 ms | load-and-reduce median ms | speed-up |',
    '|---|---:|---:|---:|---:|---:|',
    e.markdown,
    c.markdown,
    '',
    `Rollups of the 61 days ${rollupDays[0]}..${rollupDays[1]}: engagement rebuilt (its rows deleted first) in ${((t1 - t0) / 1000).toFixed(1)} s`,
    `(${er.rows.toLocaleString('en-US')} engagement_daily rows, plus engagement_company_daily and activity_slots; one statement per table for the range),`,
    `run again in ${rerunSeconds.toFixed(1)} s (nothing written); content_daily ${contentSeconds.toFixed(1)} s (${cr.rows.toLocaleString('en-US')} rows).`,
    `Machine load (1-min average) when the rollups started: ${rollupLoad.toFixed(1)}.`,
  ].join('\n');
  record('core-engagement', [...e.figures, ...c.figures, ...rollupFigures], markdown);
  console.log(markdown);
  const f = await benchForecast(bench.url, bench.companyId);
  record('forecast', f.figures, f.markdown);
  console.log(`\n${f.markdown}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
