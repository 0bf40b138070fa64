// Whop ingestion writes through node-postgres directly (the ORM's own pool): batched upserts as single prepared
// statements, no unit-of-work overhead on the sync and webhook hot paths.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';

export type Queryable = Pick<Pool | PoolClient, 'query'>;
export type { Pool, PoolClient };

/** The pg Pool under a MikroORM instance (shared: no second pool per process). */
export function poolOf(orm: MikroORM): Promise<Pool> {
  return orm.em.getConnection().getNativeClient();
}

export async function rows<R extends QueryResultRow>(db: Queryable, q: QueryConfig | string, values?: unknown[]): Promise<R[]> {
  const res = typeof q === 'string' ? await db.query<R>(q, values) : await db.query<R>(q);
  return res.rows;
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK and rethrow on error. */
export async function inTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const out = await fn(tx);
    await tx.query('COMMIT');
    return out;
  } catch (err) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    tx.release();
  }
}

/**
 * Close an ORM and its pg pool. MikroORM 7 ends the pool only if the ORM itself ran a query; a pool used solely
 * through poolOf() would otherwise keep idle connections (and the process) alive for idleTimeoutMillis.
 */
export async function closeOrm(orm: MikroORM): Promise<void> {
  const pool = await poolOf(orm).catch(() => undefined);
  // A connection the server closes while the pool winds down must not become an unhandled 'error' event.
  pool?.on('error', () => undefined);
  await orm.close();
  if (pool && !pool.ended) await pool.end();
}
