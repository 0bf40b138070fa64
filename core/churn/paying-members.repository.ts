// The size of a company's paying history, which decides whether it may train a model of its own.
import type { Queryable } from '../db/queryable.ts';

/** Distinct memberships with a payment made by `at`. */
export async function paidMembershipsBy(db: Queryable, companyId: number, at: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(distinct membership_id)::int as n from payments
     where company_id = $1 and membership_id is not null and paid_at is not null and paid_at <= $2`,
    [companyId, at],
  );
  return rows[0]?.n ?? 0;
}
