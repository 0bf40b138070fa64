// A bench database of simulated communities, created, migrated and loaded on first use and reused after
// (a community is found by its Whop company id, which its seed fixes; drop the database after changing a
// world's parameters). PULSE_BENCH_CHURN_PREFIX renames the databases (default `pulse_bench`), so two
// checkouts keep apart.
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import type { Sim } from '../../demo/sim/index.ts';

export interface SimCompany {
  companyId: number;
  sim: Sim;
}

export const benchDatabase = (suffix: string) => `${process.env.PULSE_BENCH_CHURN_PREFIX ?? 'pulse_bench'}_${suffix}`;

export async function ensureSimDatabase(
  adminUrl: string,
  name: string,
  sims: readonly Sim[],
  log: (line: string) => void,
): Promise<{ url: string; companies: SimCompany[] }> {
  const url = withDatabaseName(adminUrl, name);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  await migrateUp(url);
  const companies: SimCompany[] = [];
  for (const sim of sims) {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    let id: number | null = null;
    try {
      const found = await db.query<{ id: string }>('select id from companies where whop_company_id = $1', [
        sim.company.id,
      ]);
      id = found.rows[0] ? Number(found.rows[0].id) : null;
    } finally {
      await db.end();
    }
    if (id === null) {
      log(
        `loading ${sim.options.members} simulated members (world ${sim.options.world.name}, seed ${String(sim.options.seed)}) into ${name}`,
      );
      id = (await loadCommunity(url, sim)).companyId;
    }
    companies.push({ companyId: id, sim });
  }
  return { url, companies };
}
