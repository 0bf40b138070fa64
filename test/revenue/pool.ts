// A pg pool for a test database. Dropping the database terminates idle connections; the pool's
// 'error' event for those must not crash the run.
import pg from 'pg';

export function testPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}
