// A plain pg pool for core's raw-SQL services (analytics, churn, sync). Use it rather than MikroORM's native
// pool (`poolOf(orm)`): MikroORM installs its own type parsers on that pool (timestamps come back as strings),
// while core's repositories expect pg's defaults (timestamptz -> Date).
import pg from 'pg';

export function openPool(databaseUrl: string, opts: { max?: number; onError?: (err: Error) => void } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 8 });
  // An idle client losing its server (restart, admin termination) must not crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  return pool;
}
