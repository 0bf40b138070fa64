// The one transaction helper. Given a pg Pool it lends a client for the transaction (and the work gets that
// PoolClient); given a Client or PoolClient (not already in a transaction) it uses it as is.
import type { Pool, PoolClient } from 'pg';
import type { Queryable } from './queryable.ts';

interface Lender extends Queryable {
  connect(): Promise<Queryable & { release(): void }>;
  totalCount: number;
  idleCount: number;
  options?: { max?: number };
}

/** Whether `db` lends connections (a pg Pool): work can then run on several connections side by side. */
export function isPool(db: Queryable): db is Lender {
  return 'totalCount' in db && typeof (db as Partial<Lender>).connect === 'function';
}

/** Connections `db` can lend right now without waiting: idle ones plus those it may still open (0 if not a pool). */
export function spareConnections(db: Queryable): number {
  if (!isPool(db)) return 0;
  return db.idleCount + Math.max(0, (db.options?.max ?? 10) - db.totalCount);
}

/** BEGIN … COMMIT on one connection; ROLLBACK and rethrow on error. */
export async function inTransaction<T>(db: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T>;
export async function inTransaction<T>(db: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T>;
export async function inTransaction<T>(db: Queryable, work: (tx: never) => Promise<T>): Promise<T> {
  const lent = isPool(db) ? await db.connect() : null;
  const tx = lent ?? db;
  try {
    await tx.query('begin');
    try {
      const result = await (work as (tx: Queryable) => Promise<T>)(tx);
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
