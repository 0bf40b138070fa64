// Planner statistics after a bulk rebuild. A rollup rebuild rewrites hundreds of thousands of rows; until
// the table is analyzed the planner guesses (a /content answer at 100,000 members took 35 s on a nested loop
// instead of 0.13 s). Autovacuum analyzes eventually — when it is on, and after its nap — so the pipeline
// analyzes a rollup's tables right away when it wrote more rows than autovacuum's own threshold (50 + 10% of
// the rows the table had at its last analyze; a never-analyzed table counts as empty). The decision uses the
// rows the rollup reports, not pg_stat counters, which other connections flush only every few seconds.
import type { Queryable } from './queryable.ts';

export interface WrittenTables {
  /** The tables one rollup step rewrote (analyzed together). */
  tables: readonly string[];
  /** The step's main table, whose size the threshold is taken from. */
  main: string;
  /** Rows the step wrote to the main table. */
  written: number;
}

/** ANALYZEs the tables of each step that wrote more than 50 + fraction x its main table's analyzed size; returns them. */
export async function analyzeWritten(
  db: Queryable,
  steps: readonly WrittenTables[],
  fraction = 0.1,
): Promise<string[]> {
  const { rows } = await db.query<{ relname: string; reltuples: number }>(
    `select relname, reltuples::float8 as reltuples from pg_class
     where relnamespace = current_schema()::regnamespace and relname = any($1::text[])`,
    [steps.map((s) => s.main)],
  );
  const size = new Map(rows.map((r) => [r.relname, Math.max(Number(r.reltuples), 0)]));
  const analyzed: string[] = [];
  for (const step of steps) {
    if (step.written <= 50 + fraction * (size.get(step.main) ?? 0)) continue;
    for (const table of step.tables) {
      await db.query(`analyze "${table.replaceAll('"', '""')}"`);
      analyzed.push(table);
    }
  }
  return analyzed;
}
