// Data the Discord bench needs on its database: the company's rollups and churn scores as of the simulation's
// end (built only when missing: they are shared with other benches), the enterprise tier for the run, and a
// guild linked with a staff channel; restore() puts the tier back and removes the link. Also a small database
// of its own for a quick check of the bench (`--members N`).
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim } from '../../demo/sim/index.ts';
import { addDays, localDay } from '../../core/period.ts';
import { readRollupState, rebuildRevenueRollup } from '../../core/revenue/index.ts';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { rollupContent } from '../../core/content/content-rollup.ts';
import { nightlyChurn } from '../../core/churn/nightly.service.ts';
import { benchSim, type BenchDatabase } from './bench-database.ts';

async function timed(log: (line: string) => void, what: string, work: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  log(`discord bench: ${what}…`);
  await work();
  log(`discord bench: ${what} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export async function prepareCompany(
  pool: pg.Pool,
  companyId: number,
  asOf: Date,
  link: { guildId: string; staffChannelId: string },
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const company = (
    await pool.query<{ tier: string; time_zone: string }>('select tier, time_zone from companies where id = $1', [
      companyId,
    ])
  ).rows[0]!;
  const today = localDay(asOf, company.time_zone);
  const state = await readRollupState(pool, companyId);
  if (state?.asOf.getTime() !== asOf.getTime())
    await timed(log, 'revenue rollup', () => rebuildRevenueRollup(pool, companyId, asOf));
  const engaged = (
    await pool.query<{ d: string | null }>(
      "select to_char(max(day), 'YYYY-MM-DD') as d from engagement_company_daily where company_id = $1",
      [companyId],
    )
  ).rows[0]!.d;
  if (engaged !== today)
    await timed(log, 'engagement rollup (90 days)', () =>
      rollupEngagement(pool, companyId, addDays(today, -89), today),
    );
  const content = (await pool.query('select 1 from content_daily where company_id = $1 limit 1', [companyId])).rowCount;
  if (!content)
    await timed(log, 'content rollup', () => rollupContent(pool, companyId, addDays(today, -365 * 2), today));
  const scored = (
    await pool.query('select 1 from churn_predictions where company_id = $1 and scored_at <= $2 limit 1', [
      companyId,
      asOf,
    ])
  ).rowCount;
  if (!scored) await timed(log, 'churn training and scoring', () => nightlyChurn(pool, companyId, { asOf }));
  // Built here step by step (not through refreshCompany): give the planner statistics as the pipeline does.
  await pool.query('analyze');
  await pool.query("update companies set tier = 'enterprise' where id = $1", [companyId]);
  await pool.query(
    `insert into workspace_links (company_id, platform, external_id, staff_channel_id, linked_by) values ($1, 'discord', $2, $3, 'bench')
     on conflict (platform, external_id) do update set company_id = excluded.company_id, staff_channel_id = excluded.staff_channel_id`,
    [companyId, link.guildId, link.staffChannelId],
  );
  return async () => {
    await pool.query("delete from workspace_links where platform = 'discord' and external_id = $1", [link.guildId]);
    await pool.query('update companies set tier = $2 where id = $1', [companyId, company.tier]);
  };
}

/** `pulse_bench_discord_<members>`: the bench's simulation at a smaller size, loaded once. */
export async function smallBenchDatabase(
  adminUrl: string,
  members: number,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const name = `pulse_bench_discord_${members}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount)
      await admin.query(`create database ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(adminUrl, name);
  await migrateUp(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const row = (
      await db.query<{ id: string }>(
        'select company_id as id from members group by company_id having count(*) >= $1 limit 1',
        [members],
      )
    ).rows[0];
    if (row) return { url, companyId: Number(row.id) };
  } finally {
    await db.end();
  }
  log(`discord bench: loading ${members} simulated members into ${name}`);
  const loaded = await loadCommunity(url, createSim({ ...benchSim, members }));
  return { url, companyId: loaded.companyId };
}
