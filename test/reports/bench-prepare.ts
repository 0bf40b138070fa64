// Readies a simulated company for the report bench: the rollups and churn scores a report reads, as of the
// simulation's end, built only where missing (the 100k database is shared with other benches); and a small
// simulated database for a quick check of the bench itself.
import pg from 'pg';
import { scoreCompany } from '../../core/churn/scoring.service.ts';
import { rollupContent } from '../../core/content/content-rollup.ts';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { addDays, localDay } from '../../core/period.ts';
import { ensureRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { createSim } from '../../demo/sim/index.ts';

type Log = (line: string) => void;

/** Rollups for the last 30 days and the day before them, content history, a churn scoring by asOf. */
export async function prepareReportData(pool: pg.Pool, companyId: number, asOf: Date, log: Log): Promise<void> {
  const tz = (await pool.query<{ time_zone: string }>('select time_zone from companies where id = $1', [companyId]))
    .rows[0]!.time_zone;
  const today = localDay(asOf, tz);
  const step = async (what: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await step('revenue rollup', () => ensureRevenueRollup(pool, companyId, asOf));
  const from = addDays(today, -30);
  const days = (
    await pool.query<{ n: number }>(
      'select count(*)::int as n from engagement_company_daily where company_id = $1 and day between $2::date and $3::date',
      [companyId, from, today],
    )
  ).rows[0]!.n;
  if (days < 31)
    await step(`engagement rollup ${from}..${today}`, () => rollupEngagement(pool, companyId, from, today));
  const content = (
    await pool.query<{ last: string | null; first: string | null }>(
      `select to_char(max(day), 'YYYY-MM-DD') as last, (select to_char(min(occurred_at) at time zone $2, 'YYYY-MM-DD') from activity_events where company_id = $1) as first
     from content_daily where company_id = $1`,
      [companyId, tz],
    )
  ).rows[0]!;
  if (content.last === null || content.last < today) {
    await step('content rollup', () => rollupContent(pool, companyId, content.first ?? today, today));
  }
  const scored =
    (
      await pool.query('select 1 from churn_predictions where company_id = $1 and scored_at <= $2 limit 1', [
        companyId,
        asOf,
      ])
    ).rows.length > 0;
  if (!scored) await step('churn scoring (persisted)', () => scoreCompany(pool, companyId, { asOf, persist: true }));
  // Fresh rollups have no planner statistics until autovacuum gets to them (estimates of 1 row picked
  // nested loops that took 160 ms at 2,000 members): measure what a settled database does.
  await step('analyze', () =>
    pool.query(
      'analyze customer_mrr_spans, revenue_daily, engagement_daily, engagement_company_daily, activity_slots, content_daily, content_progress, churn_predictions',
    ),
  );
}

/** A small simulated community in a database of its own (for checking the bench quickly); drop it after. */
export async function smallBenchDatabase(
  adminUrl: string,
  members: number,
  endDate: string,
  log: Log,
): Promise<{ url: string; companyId: number; drop(): Promise<void> }> {
  const name = 'pulse_bench_reports_small';
  const url = withDatabaseName(adminUrl, name);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  await admin.query(`create database ${quoteIdent(name)}`);
  await admin.end();
  await migrateUp(url);
  const loaded = await loadCommunity(
    url,
    createSim({ seed: 2026, members, months: 12, endDate, activityPerMemberPerMonth: 18.2 }),
  );
  log(`loaded ${members} simulated members in ${loaded.seconds.toFixed(1)} s`);
  return {
    url,
    companyId: loaded.companyId,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${quoteIdent(name)} with (force)`);
      await c.end();
    },
  };
}
