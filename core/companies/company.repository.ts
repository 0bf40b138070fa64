// The company repository: the one place a company is looked up — by id, or by the reference an operator types
// (Whop id biz_… or Pulse's numeric id). It carries what answers, reports and jobs need: names, tier, time zone,
// reporting currency.
import type { Queryable } from '../db/queryable.ts';
import { NotFound } from '../errors.ts';
import { liveCompanySql, syncableCompanySql } from '../lifecycle/company-state.ts';
import { assertTimeZone } from '../period.ts';
import { isTier, type CompanyTier } from '../tiers/tier-limits.ts';

export interface Company {
  id: number;
  whopCompanyId: string;
  name: string;
  tier: CompanyTier;
  timeZone: string;
  currency: string;
}

/** What the Whop sync needs of a company. */
export type CompanyRef = Pick<Company, 'id' | 'whopCompanyId'>;

interface CompanyRow extends Record<string, unknown> {
  id: string;
  whop_company_id: string;
  name: string;
  tier: string;
  time_zone: string;
  currency: string;
}

const columns = 'id, whop_company_id, name, tier, time_zone, currency';

function toCompany(row: CompanyRow): Company {
  return {
    id: Number(row.id),
    whopCompanyId: row.whop_company_id,
    name: row.name,
    tier: isTier(row.tier) ? row.tier : 'free',
    timeZone: assertTimeZone(row.time_zone),
    currency: row.currency,
  };
}

/** The company with this id; NotFound when there is none. */
export async function companyById(db: Queryable, companyId: number): Promise<Company> {
  const { rows } = await db.query<CompanyRow>(`select ${columns} from companies where id = $1`, [companyId]);
  if (!rows[0]) throw new NotFound(`no company with id ${companyId}`);
  return toCompany(rows[0]);
}

/** A company by its Whop id (biz_…) or its numeric id, as an operator types it; undefined when there is none. */
export async function findCompany(db: Queryable, reference: string): Promise<Company | undefined> {
  const ref = reference.trim();
  // Up to 15 digits is an id (a bigint); anything else is compared with the Whop id.
  const byId = /^\d{1,15}$/.test(ref);
  const { rows } = await db.query<CompanyRow>(
    `select ${columns} from companies where ${byId ? 'id = $1::bigint' : 'whop_company_id = $1'}`,
    [ref],
  );
  return rows[0] ? toCompany(rows[0]) : undefined;
}

/** findCompany, or NotFound saying what a reference looks like. */
export async function companyByReference(db: Queryable, reference: string): Promise<Company> {
  const company = await findCompany(db, reference);
  if (!company)
    throw new NotFound(`no company ${JSON.stringify(reference.trim())} (give a Whop company id biz_… or a numeric id)`);
  return company;
}

/** Ids of the companies still installed and not being erased (the SQL rule: core/lifecycle/company-state.ts). */
export async function liveCompanyIds(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    `select c.id from companies c where ${liveCompanySql('c')} order by c.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** The live companies, each with whether it may be synced (one waiting for re-approval may not). */
export async function scheduledCompanies(db: Queryable): Promise<Array<{ id: number; syncable: boolean }>> {
  const { rows } = await db.query<{ id: string; syncable: boolean }>(
    `select c.id, (${syncableCompanySql('c')}) as syncable from companies c where ${liveCompanySql('c')} order by c.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), syncable: r.syncable }));
}

export interface KeyClaim {
  id: number;
  name: string;
  hasKey: boolean;
  otherLinks: number;
}

/**
 * The company of a pasted Whop key, created when Pulse does not know it yet, locked for the rest of the
 * transaction; with whether a key is stored for it and how many workspaces other than this one it is linked to.
 */
export async function claimCompanyForKey(
  tx: Queryable,
  whopCompanyId: string,
  name: string,
  workspace: { platform: string; externalId: string },
): Promise<KeyClaim> {
  await tx.query(
    `insert into companies (whop_company_id, name) values ($1, $2) on conflict (whop_company_id) do nothing`,
    [whopCompanyId, name],
  );
  const { rows } = await tx.query<{ id: string; name: string; has_key: boolean; other_links: number }>(
    `select c.id, c.name, c.credentials_enc is not null as has_key,
       (select count(*)::int from workspace_links l where l.company_id = c.id and not (l.platform = $2 and l.external_id = $3)) as other_links
     from companies c where c.whop_company_id = $1 for update`,
    [whopCompanyId, workspace.platform, workspace.externalId],
  );
  const row = rows[0]!;
  return { id: Number(row.id), name: row.name, hasKey: row.has_key, otherLinks: row.other_links };
}

export async function renameCompany(db: Queryable, companyId: number, name: string): Promise<void> {
  await db.query('update companies set name = $2, updated_at = now() where id = $1', [companyId, name]);
}

export async function updateCompanyTimeZone(db: Queryable, companyId: number, zone: string): Promise<void> {
  await db.query('update companies set time_zone = $2, updated_at = now() where id = $1', [companyId, zone]);
}

/** Whether a company with this id exists (any state). */
export async function companyExists(db: Queryable, companyId: number): Promise<boolean> {
  const res = await db.query('select 1 from companies where id = $1', [companyId]);
  return res.rows.length > 0;
}
