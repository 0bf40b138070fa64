// The companies a workspace may be bound to by a Whop proof: those that installed Pulse on Whop and have
// neither uninstalled it nor asked for their data to be erased.
import type { Queryable } from '../db/queryable.ts';

export interface InstalledCompany {
  id: number;
  whopCompanyId: string;
  name: string;
  tier: string;
}

/** SQL condition on a `companies` row (alias c) that holds while Pulse is installed and live there. */
export const installedCondition =
  'c.whop_installation_id is not null and c.uninstalled_at is null and c.erase_requested_at is null';

interface Row extends Record<string, unknown> {
  id: string;
  whop_company_id: string;
  name: string;
  tier: string;
}

function toCompany(r: Row): InstalledCompany {
  return { id: Number(r.id), whopCompanyId: r.whop_company_id, name: r.name, tier: r.tier };
}

/** The installed company with this Whop id (`biz_…`), or null when there is none (or it left). */
export async function findInstalledCompanyByWhopId(
  db: Queryable,
  whopCompanyId: string,
): Promise<InstalledCompany | null> {
  const { rows } = await db.query<Row>(
    `select c.id, c.whop_company_id, c.name, c.tier from companies c where c.whop_company_id = $1 and ${installedCondition}`,
    [whopCompanyId],
  );
  return rows[0] ? toCompany(rows[0]) : null;
}

export async function findInstalledCompany(db: Queryable, companyId: number): Promise<InstalledCompany | null> {
  const { rows } = await db.query<Row>(
    `select c.id, c.whop_company_id, c.name, c.tier from companies c where c.id = $1 and ${installedCondition}`,
    [companyId],
  );
  return rows[0] ? toCompany(rows[0]) : null;
}

/** The installed companies among these Whop ids (at most 20, by name). */
export async function findInstalledCompanyByWhopIds(
  db: Queryable,
  whopCompanyIds: string[],
): Promise<InstalledCompany[]> {
  if (whopCompanyIds.length === 0) return [];
  const { rows } = await db.query<Row>(
    `select c.id, c.whop_company_id, c.name, c.tier from companies c where c.whop_company_id = any($1::text[]) and ${installedCondition}
     order by c.name, c.id limit 20`,
    [whopCompanyIds],
  );
  return rows.map(toCompany);
}
