// Which deliveries the ledger already holds, by dedupe key (any status): a check asks before doing work whose
// only outcome would be claims that exist already.
import type { Queryable } from '../db/queryable.ts';

/** How many of these dedupe keys of the company have a delivery row. */
export async function countClaimedKeys(db: Queryable, companyId: number, keys: readonly string[]): Promise<number> {
  const { rows } = await db.query('select 1 from deliveries where company_id = $1 and dedupe_key = any($2::text[])', [
    companyId,
    keys,
  ]);
  return rows.length;
}
