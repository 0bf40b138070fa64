// Transaction-level advisory locks (released at commit or rollback): one worker at a time per key. Callers name
// their own fixed class key; the company-scoped form folds a company id into PostgreSQL's int4 second key.
import type { Queryable } from './queryable.ts';

/** Takes the lock (classKey, objectKey) if free; false when another transaction holds it. */
export async function tryTransactionLock(tx: Queryable, classKey: number, objectKey = 0): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1, $2) as ok', [
    classKey,
    objectKey,
  ]);
  return rows[0]?.ok === true;
}

/** Waits for the lock of (classKey, one company). */
export async function companyTransactionLock(tx: Queryable, classKey: number, companyId: number): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, ($2::bigint % 2147483647)::int)', [classKey, companyId]);
}
