// Where a company stands in its life as a Whop app install: active, waiting for the creator to re-approve a
// permission, uninstalled (erase pending) or erase requested. The SQL conditions here are the one definition
// every job that picks companies to sync, score, digest or alert uses, so an uninstalled company stops
// everywhere at once.
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';

/** SQL on a `companies` row (alias given): Pulse may post and compute for it (not uninstalled, no erase pending). */
export function liveCompanySql(alias = 'c'): string {
  return `${alias}.uninstalled_at is null and ${alias}.erase_requested_at is null`;
}

/** SQL: live, and Whop reads are not waiting on the creator's re-approval. */
export function syncableCompanySql(alias = 'c'): string {
  return `${liveCompanySql(alias)} and ${alias}.needs_reapproval_at is null`;
}

export type CompanyStateKind = 'active' | 'needs-reapproval' | 'uninstalled' | 'erase-pending';

export interface CompanyLifecycle {
  id: number;
  whopCompanyId: string;
  name: string;
  state: CompanyStateKind;
  installationId: string | null;
  installedAt: Date | null;
  uninstalledAt: Date | null;
  needsReapprovalAt: Date | null;
  needsReapprovalReason: string | null;
  eraseRequestedAt: Date | null;
  eraseAfter: Date | null;
}

interface Row extends Record<string, unknown> {
  id: string;
  whop_company_id: string;
  name: string;
  whop_installation_id: string | null;
  installed_at: Date | string | null;
  uninstalled_at: Date | string | null;
  needs_reapproval_at: Date | string | null;
  needs_reapproval_reason: string | null;
  erase_requested_at: Date | string | null;
  erase_after: Date | string | null;
}

export const lifecycleColumns = `id, whop_company_id, name, whop_installation_id, installed_at, uninstalled_at, needs_reapproval_at,
  needs_reapproval_reason, erase_requested_at, erase_after`;

/** Timestamps come back as Date from a plain pg pool and as strings from MikroORM's: both are read. */
const date = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export function toLifecycle(r: Row): CompanyLifecycle {
  const l = {
    id: Number(r.id),
    whopCompanyId: r.whop_company_id,
    name: r.name,
    installationId: r.whop_installation_id,
    installedAt: date(r.installed_at),
    uninstalledAt: date(r.uninstalled_at),
    needsReapprovalAt: date(r.needs_reapproval_at),
    needsReapprovalReason: r.needs_reapproval_reason,
    eraseRequestedAt: date(r.erase_requested_at),
    eraseAfter: date(r.erase_after),
  };
  const state: CompanyStateKind = l.uninstalledAt
    ? 'uninstalled'
    : l.eraseRequestedAt
      ? 'erase-pending'
      : l.needsReapprovalAt
        ? 'needs-reapproval'
        : 'active';
  return { ...l, state };
}

export async function companyLifecycle(db: Queryable, companyId: number): Promise<CompanyLifecycle | null> {
  const { rows } = await db.query<Row>(`select ${lifecycleColumns} from companies where id = $1`, [companyId]);
  return rows[0] ? toLifecycle(rows[0]) : null;
}

/** True when the company is gone or leaving (uninstalled or erase pending): nothing may be shown or posted for it. */
export async function isCompanyRemoved(db: Queryable, companyId: number): Promise<boolean> {
  const { rows } = await db.query<{ live: boolean }>(
    `select ${liveCompanySql('c')} as live from companies c where c.id = $1`,
    [companyId],
  );
  return rows[0]?.live !== true;
}

/** One line for operators and admins: "active", "needs re-approval since …", "uninstalled; erase pending at …". */
export function describeState(l: CompanyLifecycle): string {
  const at = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '?');
  switch (l.state) {
    case 'active':
      return 'active';
    case 'needs-reapproval':
      return `needs re-approval since ${at(l.needsReapprovalAt)}`;
    case 'uninstalled':
      return `uninstalled; erase pending at ${at(l.eraseAfter)}`;
    case 'erase-pending':
      return `erase pending at ${at(l.eraseAfter)}`;
  }
}

/** A chat request or report link of a company that uninstalled Pulse or asked for its data to be erased. */
export class CompanyRemoved extends BadInput {}

export function removedMessage(l: Pick<CompanyLifecycle, 'state' | 'eraseAfter'>): string {
  const when = l.eraseAfter ? l.eraseAfter.toISOString().slice(0, 10) : 'soon';
  const why =
    l.state === 'uninstalled'
      ? 'Pulse was uninstalled from this Whop company'
      : "An admin asked Pulse to erase this company's data";
  return `${why}, so Pulse has stopped posting and answering here. Its data is deleted on ${when}; reinstalling Pulse from Whop before then keeps it.`;
}
