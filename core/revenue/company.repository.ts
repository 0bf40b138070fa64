// The company facts revenue figures depend on: tier, time zone, reporting currency. Scoped by id.
import type { Queryable } from '../db/queryable.ts';
import { NotFound } from '../errors.ts';
import { assertTimeZone } from '../period.ts';
import { isTier, type CompanyTier } from '../tiers/tier-limits.ts';

export interface RevenueCompany {
  id: number;
  whopCompanyId: string;
  name: string;
  tier: CompanyTier;
  timeZone: string;
  currency: string;
}

interface CompanyRow extends Record<string, unknown> {
  id: string;
  whop_company_id: string;
  name: string;
  tier: string;
  time_zone: string;
  currency: string;
}

const columns = 'id, whop_company_id, name, tier, time_zone, currency';

function toCompany(row: CompanyRow): RevenueCompany {
  return {
    id: Number(row.id), whopCompanyId: row.whop_company_id, name: row.name,
    tier: isTier(row.tier) ? row.tier : 'free', timeZone: assertTimeZone(row.time_zone), currency: row.currency,
  };
}

export async function findRevenueCompany(db: Queryable, companyId: number): Promise<RevenueCompany> {
  const { rows } = await db.query<CompanyRow>(`select ${columns} from companies where id = $1`, [companyId]);
  if (!rows[0]) throw new NotFound(`no company with id ${companyId}`);
  return toCompany(rows[0]);
}

/** A company by its Whop id (biz_…) or its numeric id, as an operator types it. */
export async function findCompanyByReference(db: Queryable, reference: string): Promise<RevenueCompany> {
  const ref = reference.trim();
  const byId = /^\d{1,15}$/.test(ref);
  const { rows } = await db.query<CompanyRow>(
    `select ${columns} from companies where ${byId ? 'id = $1::bigint' : 'whop_company_id = $1'}`, [ref]);
  if (!rows[0]) throw new NotFound(`no company ${JSON.stringify(ref)} (give a Whop company id biz_… or a numeric id)`);
  return toCompany(rows[0]);
}
