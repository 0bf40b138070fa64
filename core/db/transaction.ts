// Running statements in one transaction on whatever connection a service was given: a pg Pool lends
// a client for the transaction; a Client or PoolClient (not already in a transaction) is used as is.
import type { Queryable } from './queryable.ts';

interface Pool extends Queryable {
  connect(): Promise<Queryable & { release(): void }>;
  totalCount: number;
}

function isPool(db: Queryable): db is Pool {
  return 'totalCount' in db && typeof (db as Partial<Pool>).connect === 'function';
}

export async function inTransaction<T>(db: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const lent = isPool(db) ? await db.connect() : null;
  const tx = lent ?? db;
  try {
    await tx.query('begin');
    try {
      const result = await work(tx);
      await tx.query('commit');
      return result;
    } catch (err) {
      await tx.query('rollback').catch(() => undefined);
      throw err;
    }
  } finally {
    lent?.release();
  }
}
