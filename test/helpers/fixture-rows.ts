// Row writing for the fixture builder: one parameterised INSERT ... RETURNING id per row, or one
// statement for many rows. Column names come from the fixture code, never from test input.

/** A pg Client or Pool (or anything with the same query method). */
export interface Sql {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** An instant as an ISO string or a Date. */
export type When = Date | string;

/** ISO text for a timestamptz parameter; null/undefined stay null. A bad date throws at once. */
export function iso(when: When | null | undefined): string | null {
  if (when === null || when === undefined) return null;
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) throw new Error(`fixtures: not a date: ${String(when)}`);
  return date.toISOString();
}

/** Insert one row and return its id (bigint ids come back from pg as text). */
export async function insertRow(sql: Sql, table: string, values: Record<string, unknown>): Promise<number> {
  const ids = await insertRows(sql, table, [values]);
  return ids[0]!;
}

/** Insert rows sharing the first row's columns in one statement; returns their ids in order. */
export async function insertRows(sql: Sql, table: string, rows: Array<Record<string, unknown>>): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const marks = columns.map((column) => {
      values.push(row[column] ?? null);
      return `$${values.length}`;
    });
    return `(${marks.join(', ')})`;
  });
  const res = await sql.query(
    `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')} returning id`,
    values,
  );
  return res.rows.map((row) => Number(row.id));
}
