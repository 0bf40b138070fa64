// The one connection type Pulse's SQL takes: anything with pg's `query` — a pg Pool (reports, answers), a
// PoolClient inside a transaction, a Client. Statements are text or a QueryConfig (a named prepared statement,
// as the Whop ingestion's batched upserts use). Every pool comes from pool.ts, so every path parses types alike.
import type { QueryConfig, QueryResultRow } from 'pg';

export type { Pool, PoolClient } from 'pg';

export interface Queryable {
  query<R extends QueryResultRow = Record<string, unknown>>(
    text: string | QueryConfig,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount?: number | null }>;
}

/** The rows of one statement (text with values, or a QueryConfig). */
export async function rows<R extends QueryResultRow>(
  db: Queryable,
  q: QueryConfig | string,
  values?: unknown[],
): Promise<R[]> {
  const res = typeof q === 'string' ? await db.query<R>(q, values) : await db.query<R>(q);
  return res.rows;
}
