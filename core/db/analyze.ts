// Planner statistics after a bulk rebuild. A rollup rebuild rewrites hundreds of thousands of rows; until
// the table is analyzed the planner guesses (a /content answer at 100,000 members took 35 s on a nested loop
// instead of 0.13 s). Autovacuum analyzes eventually — when it is on, and after its nap — so the pipeline and the
// sync analyze a step's tables right away once the table has changed by more than autovacuum's own threshold
// since its last analyze: 50 + 10% of the rows it had then (a never-analyzed table counts as empty). The changes
// are the rows the step reports plus the table's modifications since that analyze as PostgreSQL counts them
// (pg_stat_user_tables.n_mod_since_analyze; other connections report theirs one to ten seconds late, so it may
// hold the step's own rows, or rows sampled by the last analyze: an analyze early rather than never). A step that
// wrote nothing never analyzes. Counting the step's rows alone stopped analyzing a table shared by many companies
// once it held ~8 of them: each company's writes stayed under 10% of the table, the statistics kept knowing only
// the first companies, and every later company's rows were estimated at 1 (its revenue rollup ran on nested
// loops: 168 ms a company at 300 companies of 200 members).
import type { Queryable } from './queryable.ts';

export interface WrittenTables {
  /** The tables one rollup step rewrote (analyzed together). */
  tables: readonly string[];
  /** The step's main table, whose size the threshold is taken from. */
  main: string;
  /** Rows the step wrote to the main table. */
  written: number;
}

/** ANALYZEs the tables of each step whose main table changed by more than 50 + fraction x its analyzed size; returns them. */
export async function analyzeWritten(
  db: Queryable,
  steps: readonly WrittenTables[],
  fraction = 0.1,
): Promise<string[]> {
  const { rows } = await db.query<{ relname: string; reltuples: number; changed: number }>(
    `select c.relname, c.reltuples::float8 as reltuples, coalesce(s.n_mod_since_analyze, 0)::float8 as changed
     from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
     where c.relnamespace = current_schema()::regnamespace and c.relname = any($1::text[])`,
    [steps.map((s) => s.main)],
  );
  const known = new Map(rows.map((r) => [r.relname, r]));
  const analyzed: string[] = [];
  for (const step of steps) {
    const t = known.get(step.main);
    const size = Math.max(Number(t?.reltuples ?? 0), 0);
    // A step that wrote nothing leaves the table to the next writer: the counters may still be taking in rows
    // that were written (and sampled) before the last analyze, flushed after it.
    if (step.written === 0 || step.written + Number(t?.changed ?? 0) <= 50 + fraction * size) continue;
    for (const table of step.tables) {
      await db.query(`analyze "${table.replaceAll('"', '""')}"`);
      analyzed.push(table);
    }
  }
  return analyzed;
}
