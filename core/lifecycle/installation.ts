// The database side of Whop app installs: an install creates the company (tier free) or brings it back (an
// uninstall, a pending erase and a re-approval wait are all cleared: the creator has just approved Pulse's
// permissions again), and an uninstall stops everything at once and schedules the erase after the grace period.
import type { Queryable } from '../db/queryable.ts';

export interface InstallFacts {
  /** The installation (aag_…). */
  installationId: string;
  /** The installing company (biz_…). */
  whopCompanyId: string;
  /** Its name on Whop, when the event says (bounded; it is data). */
  name: string | null;
  /** When it happened (the event's time). */
  at: Date;
}

export interface InstallOutcome {
  companyId: number;
  created: boolean;
  wasRemoved: boolean;
  /** The event is older than the company's last uninstall (a late delivery): nothing was changed. */
  stale: boolean;
}

/** Creates or reactivates the company of an installation; returns its id. */
export async function recordInstall(db: Queryable, f: InstallFacts): Promise<InstallOutcome> {
  const name = (f.name ?? '').trim().slice(0, 200) || f.whopCompanyId;
  const { rows } = await db.query<{ id: string; created: boolean; was_removed: boolean }>(
    `with before as (select uninstalled_at is not null or erase_requested_at is not null as removed from companies where whop_company_id = $1)
     insert into companies as c (whop_company_id, name, tier, whop_installation_id, installed_at)
     values ($1, $2, 'free', $3, $4)
     on conflict (whop_company_id) do update set
       whop_installation_id = excluded.whop_installation_id, installed_at = excluded.installed_at,
       name = case when $5 then excluded.name else c.name end,
       uninstalled_at = null, erase_requested_at = null, erase_after = null,
       needs_reapproval_at = null, needs_reapproval_reason = null, updated_at = now()
     -- Whop delivers out of order and retries for days: an install older than the last uninstall is history.
     where c.uninstalled_at is null or c.uninstalled_at <= excluded.installed_at
     returning c.id, (xmax = 0) as created, coalesce((select removed from before), false) as was_removed`,
    [f.whopCompanyId, name, f.installationId, f.at, f.name !== null && f.name.trim() !== ''],
  );
  const r = rows[0];
  if (r) return { companyId: Number(r.id), created: r.created, wasRemoved: r.was_removed, stale: false };
  const kept = await db.query<{ id: string }>('select id from companies where whop_company_id = $1', [f.whopCompanyId]);
  return { companyId: Number(kept.rows[0]!.id), created: false, wasRemoved: true, stale: true };
}

export interface UninstallFacts {
  installationId: string | null;
  whopCompanyId: string;
  at: Date;
  graceDays: number;
}

/**
 * Marks the company uninstalled and its erase due after the grace period. An uninstall of an older
 * installation (the company reinstalled since) changes nothing. Returns the company id, or null.
 */
export async function recordUninstall(db: Queryable, f: UninstallFacts): Promise<number | null> {
  const { rows } = await db.query<{ id: string }>(
    `update companies set uninstalled_at = coalesce(uninstalled_at, $3),
       erase_requested_at = coalesce(erase_requested_at, $3),
       erase_after = coalesce(erase_after, $3::timestamptz + make_interval(days => $4::int)), updated_at = now()
     where whop_company_id = $1
       and ($2::text is null or whop_installation_id is null or whop_installation_id = $2)
       and (installed_at is null or installed_at <= $3)
     returning id`,
    [f.whopCompanyId, f.installationId, f.at, f.graceDays],
  );
  return rows[0] ? Number(rows[0].id) : null;
}
