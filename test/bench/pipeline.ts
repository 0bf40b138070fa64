// Nightly pipeline bench (pipeline.* in docs/benchmarks.md#figure-names): for one 100,000-member company, and for 500 companies
// of 200 members, the work of one night — incremental Whop sync of the last day (the fake Whop on loopback,
// through @whop/sdk), the rollups over the days that changed, churn scoring of every member (models already
// trained: weekly retraining is churn.train_s), and the churn alert scan with its posts to the fake Discord —
// exactly as the worker's jobs run it (syncAndRefresh, runNightlyChurn, scanCompanyChurnAlerts), companies
// two at a time like a worker's default sync concurrency. Setup (simulate, full sync, first rollups,
// training, first alert scan, all one day earlier) is not timed.
// Run alone: node test/bench/pipeline.ts [--small | --single N --many M]  (--small: 2,000 members, and 10
// companies of 200; other sizes are printed, not recorded)
import { loadavg } from 'node:os';
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import type { SimOptions } from '../../demo/sim/index.ts';
import { scanCompanyChurnAlerts } from '../../server/jobs/churn-alert-scan.ts';
import { runNightlyChurn } from '../../server/jobs/churn-nightly.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { dropDatabase } from '../helpers/test-databases.ts';
import { DAY, eachCompany, openPipelineWorld } from './pipeline-world.ts';
import { record, type Figure } from './record.ts';

const END = '2026-11-01T00:00:00Z';
/** Activity per member-month as in the sync bench (the fake Whop holds every object in memory). */
const ACTIVITY = 3;
const CONCURRENCY = 2;

interface Scenario {
  name: string;
  figure: string;
  sims: SimOptions[];
}
interface Result {
  seconds: number;
  stepSeconds: Record<'sync' | 'rollups' | 'scoring' | 'alerts', number>;
  companies: number;
  scored: number;
  opened: number;
  posts: number;
  lastDay: Record<string, number>;
  setupLoad: string;
}

async function runScenario(adminUrl: string, s: Scenario, log: (l: string) => void): Promise<Result> {
  const name = `pulse_bench_pipeline_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${quoteIdent(name)}`);
  const url = withDatabaseName(adminUrl, name);
  try {
    await migrateUp(url);
    const world = await openPipelineWorld(url, s.sims, { concurrency: CONCURRENCY, log });
    try {
      world.releaseLastDay();
      const now = new Date(END);
      const stepSeconds = { sync: 0, rollups: 0, scoring: 0, alerts: 0 };
      let scored = 0,
        opened = 0,
        posts = 0;
      const setupLoad = loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ');
      const t0 = performance.now();
      await eachCompany(world.companyIds, CONCURRENCY, async (id) => {
        const ctx = world.context(now);
        const outcome = await syncAndRefresh(ctx, id, 'incremental', {
          name: 'bench',
          onTimes: (t) => {
            stepSeconds.sync += t.syncMs / 1000;
            stepSeconds.rollups += t.rollupMs / 1000;
          },
        });
        if (outcome !== 'done') throw new Error(`sync of company ${id}: ${outcome}`);
        const tScore = performance.now();
        const churn = await runNightlyChurn(ctx, id, now);
        stepSeconds.scoring += (performance.now() - tScore) / 1000;
        const tAlerts = performance.now();
        const scan = await scanCompanyChurnAlerts(ctx, id, now);
        stepSeconds.alerts += (performance.now() - tAlerts) / 1000;
        scored += churn.scored;
        opened += scan.opened.length;
        posts += scan.outcomes.filter((o) => o.status === 'posted').length;
        if (scan.outcomes.some((o) => o.status !== 'posted'))
          throw new Error(`alert post not posted for company ${id}`);
      });
      const seconds = (performance.now() - t0) / 1000;
      // Check the night's work: every payment of the last day is in at its last version, every company was scored.
      const {
        rows: [check],
      } = await world.pool.query<{ payments: number; scored: number }>(
        `select (select count(*)::int from payments where whop_id = any($1::text[]) and whop_updated_at >= $3) as payments,
                (select count(distinct company_id)::int from churn_predictions where scored_at = $2) as scored`,
        [world.lastDayPaymentIds, now.toISOString(), new Date(now.getTime() - DAY).toISOString()],
      );
      if (check!.payments !== world.lastDayPaymentIds.length)
        throw new Error(`only ${check!.payments} of ${world.lastDayPaymentIds.length} last-day payments synced`);
      if (check!.scored !== world.companyIds.length)
        throw new Error(`${check!.scored} of ${world.companyIds.length} companies scored`);
      return {
        seconds,
        stepSeconds,
        companies: world.companyIds.length,
        scored,
        opened,
        posts,
        lastDay: world.lastDayCounts,
        setupLoad,
      };
    } finally {
      await world.close();
    }
  } finally {
    await dropDatabase(admin, name);
    await admin.end();
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

function section(s: Scenario, r: Result): string {
  const per = (x: number) => `${x.toFixed(1)} s`;
  return [
    `**${s.name}** — ${fmt(r.companies)} compan${r.companies === 1 ? 'y' : 'ies'}; the last day held back and synced incrementally: ` +
      `${fmt(r.lastDay.members!)} members, ${fmt(r.lastDay.memberships!)} memberships, ${fmt(r.lastDay.payments!)} payments, ` +
      `${fmt(r.lastDay.messages! + r.lastDay.lessonInteractions! + r.lastDay.forumPosts!)} activity events.`,
    '',
    '| step (summed over companies) | time |',
    '|---|---:|',
    `| incremental Whop sync | ${per(r.stepSeconds.sync)} |`,
    `| rollups (revenue rebuild; engagement and content over the changed days) | ${per(r.stepSeconds.rollups)} |`,
    `| churn scoring (${fmt(r.scored)} members) and outcome labelling | ${per(r.stepSeconds.scoring)} |`,
    `| churn alert scan (${fmt(r.opened)} new episodes, ${fmt(r.posts)} posts to the fake Discord) | ${per(r.stepSeconds.alerts)} |`,
    `| **wall time, ${CONCURRENCY} companies at a time** | **${per(r.seconds)}** |`,
    '',
    `Load average before the timed run: ${r.setupLoad}.`,
  ].join('\n');
}

export async function benchPipeline(
  adminUrl: string,
  opts: { small?: boolean; single?: number; many?: number } = {},
): Promise<Figure[]> {
  const single = opts.single ?? (opts.small ? 2_000 : 100_000);
  const [many, each] = [opts.many ?? (opts.small ? 10 : 500), 200];
  const official = single === 100_000 && many === 500;
  const scenarios: Scenario[] = [
    {
      name: `one company of ${fmt(single)} members`,
      figure: 'pipeline.nightly_100k_s',
      sims: [{ seed: 2026, members: single, months: 12, endDate: END, activityPerMemberPerMonth: ACTIVITY }],
    },
    {
      name: `${fmt(many)} companies of ${each} members`,
      figure: 'pipeline.nightly_500x200_s',
      sims: Array.from({ length: many }, (_, i) => ({
        seed: 5000 + i,
        members: each,
        months: 12,
        endDate: END,
        activityPerMemberPerMonth: ACTIVITY,
      })),
    },
  ];
  const figures: Figure[] = [];
  const sections: string[] = [];
  for (const s of scenarios) {
    console.log(`pipeline: ${s.name}`);
    const r = await runScenario(adminUrl, s, console.log);
    console.log(
      `pipeline: ${s.name}: ${r.seconds.toFixed(1)} s (${Object.entries(r.stepSeconds)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')})`,
    );
    if (official) figures.push({ name: s.figure, value: r.seconds, unit: 's', n: 1 });
    sections.push(section(s, r));
  }
  const intro = [
    "One night of the worker's per-company jobs, run as the jobs run them (`syncAndRefresh` incremental, `runNightlyChurn`,",
    '`scanCompanyChurnAlerts`), two companies at a time. Each simulated company (12 months, 3 activity events per',
    'member-month as in the sync bench) is served by the fake Whop as of one day before its end, synced in full, rolled',
    'up, scored (its model trained; the pooled one for small companies) and alert-scanned as of that day — not timed —',
    'then the held-back last day is released and the night is timed. Fake Whop, fake Discord, worker and PostgreSQL',
    'share the 2 cores. Target: under 2 minutes each.',
  ].join('\n');
  if (official) record('pipeline', figures, `${intro}\n\n${sections.join('\n\n')}`);
  else console.log(`\n${intro}\n\n${sections.join('\n\n')}`);
  return figures;
}

if (import.meta.main) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const figures = await benchPipeline(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', {
    small: process.argv.includes('--small'),
    single: arg('--single'),
    many: arg('--many'),
  });
  for (const f of figures) console.log(`${f.name} = ${f.value.toFixed(1)} ${f.unit}`);
}
