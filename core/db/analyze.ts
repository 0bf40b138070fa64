// Planner statistics after a bulk rebuild. A rollup rebuild rewrites hundreds of thousands of rows; until
// the table is analyzed the planner guesses (a /content answer at 100,000 members took 35 s on a nested loop
// instead of 0.13 s). Autovacuum analyzes eventually — when it is on, and after its nap — so the pipeline
// analyzes the tables it changed by more than autovacuum's own threshold (50 rows + 10%) right away.
import type { Queryable } from './queryable.ts';

/** ANALYZEs each of `tables` whose rows changed by more than 50 + fraction x its size since its last analyze; returns them. */
export async function analyzeChanged(db: Queryable, tables: readonly string[], fraction = 0.1): Promise<string[]> {
  const { rows } = await db.query<{ relname: string }>(
    `select relname from pg_stat_user_tables
     where schemaname = current_schema() and relname = any($1::text[]) and n_mod_since_analyze > 50 + $2::float8 * n_live_tup
     order by relname`, [tables, fraction]);
  for (const { relname } of rows) await db.query(`analyze "${relname.replaceAll('"', '""')}"`);
  return rows.map((r) => r.relname);
}
