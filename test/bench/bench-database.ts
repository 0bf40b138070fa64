// The shared benchmark database `pulse_bench_100k`: 100,000 simulated members over 24 months, ~10M activity
// events, with the simulator settings of test/bench/load.ts. Reused when it is there (whoever made it),
// created with demo/load when it is not. PULSE_BENCH_DATABASE names another one: two checkouts with different
// migrations must not migrate the same bench database.
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim } from '../../demo/sim/index.ts';

export const benchDatabaseName = process.env.PULSE_BENCH_DATABASE ?? 'pulse_bench_100k';
export const benchSim = {
  seed: 2026,
  members: 100_000,
  months: 24,
  endDate: '2026-11-01T00:00:00Z',
  activityPerMemberPerMonth: 18.2,
} as const;

export interface BenchDatabase {
  url: string;
  companyId: number;
}

/** The bench database (migrated to the latest schema) and its company with the most members. */
export async function ensureBenchDatabase(
  adminUrl: string,
  log: (line: string) => void = console.log,
): Promise<BenchDatabase> {
  const url = withDatabaseName(adminUrl, benchDatabaseName);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists =
      (await admin.query('select 1 from pg_database where datname = $1', [benchDatabaseName])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${quoteIdent(benchDatabaseName)}`);
  } finally {
    await admin.end();
  }
  const applied = await migrateUp(url);
  if (applied.length > 0) log(`migrated ${benchDatabaseName}: ${applied.join(', ')}`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const found = await db.query<{ company_id: string; n: string }>(
      'select company_id, count(*) as n from members group by company_id order by n desc limit 1',
    );
    const row = found.rows[0];
    if (row && Number(row.n) >= benchSim.members) return { url, companyId: Number(row.company_id) };
    log(`loading ${benchSim.members} simulated members into ${benchDatabaseName} (a few minutes)`);
    const result = await loadCommunity(url, createSim(benchSim), {
      onProgress: (p) => {
        if (p.members % 20_000 === 0) log(`  ${p.members} members, ${p.rows.activity_events} events`);
      },
    });
    log(`loaded in ${result.seconds.toFixed(0)} s: ${result.rows.activity_events} activity events`);
    return { url, companyId: result.companyId };
  } finally {
    await db.end();
  }
}
