// The churn bench database `pulse_bench_churn`: one 5,000-member community and twenty 60-member ones,
// simulated to the same end date (18 months each, different seeds). Reused when already loaded.
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim, type Sim } from '../../demo/sim/index.ts';

export const churnBenchDatabaseName = 'pulse_bench_churn';
export const churnBenchEnd = new Date('2026-11-01T00:00:00Z');
const months = 18;

export interface BenchCompany {
  companyId: number;
  sim: Sim;
}
export interface ChurnBenchDatabase {
  url: string;
  mid: BenchCompany;
  small: BenchCompany[];
}

async function ensureLoaded(url: string, sim: Sim, log: (line: string) => void): Promise<BenchCompany> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const found = await db.query<{ id: string }>('select id from companies where whop_company_id = $1', [
      sim.company.id,
    ]);
    if (found.rows[0]) return { companyId: Number(found.rows[0].id), sim };
  } finally {
    await db.end();
  }
  log(
    `loading ${sim.options.members} simulated members (seed ${String(sim.options.seed)}) into ${churnBenchDatabaseName}`,
  );
  const result = await loadCommunity(url, sim);
  return { companyId: result.companyId, sim };
}

export async function ensureChurnBenchDatabase(
  adminUrl: string,
  log: (line: string) => void = console.log,
): Promise<ChurnBenchDatabase> {
  const url = withDatabaseName(adminUrl, churnBenchDatabaseName);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists =
      (await admin.query('select 1 from pg_database where datname = $1', [churnBenchDatabaseName])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${quoteIdent(churnBenchDatabaseName)}`);
  } finally {
    await admin.end();
  }
  await migrateUp(url);
  const mid = await ensureLoaded(url, createSim({ seed: 5000, members: 5000, months, endDate: churnBenchEnd }), log);
  const small: BenchCompany[] = [];
  for (let i = 0; i < 20; i++)
    small.push(
      await ensureLoaded(url, createSim({ seed: 6000 + i, members: 60, months, endDate: churnBenchEnd }), log),
    );
  return { url, mid, small };
}
