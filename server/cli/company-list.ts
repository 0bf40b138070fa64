// `pulse company list [--json]`: every company with its Whop id, name, tier, linked workspaces, last finished
// sync and state (active / needs re-approval / uninstalled / erase pending at <date>).
import type { Queryable } from '../../core/db/queryable.ts';
import { describeState, lifecycleColumns, toLifecycle } from '../../core/lifecycle/company-state.ts';

export interface CompanyListing {
  id: number;
  whopCompanyId: string;
  name: string;
  tier: string;
  workspaces: string[];
  lastSyncAt: string | null;
  state: string;
  /** The state in words, as the table shows it. */
  stateText: string;
  eraseAfter: string | null;
  needsReapprovalReason: string | null;
}

export async function listCompanies(db: Queryable): Promise<CompanyListing[]> {
  const { rows } = await db.query<
    Record<string, unknown> & { tier: string; links: string[] | null; last_sync: Date | null }
  >(
    `select ${lifecycleColumns
      .split(',')
      .map((c) => `c.${c.trim()}`)
      .join(', ')}, c.tier,
       (select array_agg(l.platform || ':' || l.external_id order by l.id) from workspace_links l where l.company_id = c.id) as links,
       (select max(s.finished_at) from sync_state s where s.company_id = c.id) as last_sync
     from companies c order by c.id`,
  );
  return rows.map((r) => {
    const l = toLifecycle(r as unknown as Parameters<typeof toLifecycle>[0]);
    return {
      id: l.id,
      whopCompanyId: l.whopCompanyId,
      name: l.name,
      tier: r.tier,
      workspaces: r.links ?? [],
      lastSyncAt: r.last_sync ? new Date(r.last_sync).toISOString() : null,
      state: l.state,
      stateText: describeState(l),
      eraseAfter: l.eraseAfter?.toISOString() ?? null,
      needsReapprovalReason: l.needsReapprovalReason,
    };
  });
}

/** Names and Whop data are shown as plain one-line text, bounded. */
const cell = (s: string, max = 40) => {
  const flat = s.replace(/\p{Cc}+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

export function companyTable(list: CompanyListing[]): string {
  if (list.length === 0) return 'no companies\n';
  const head = ['id', 'whop id', 'name', 'tier', 'workspaces', 'last sync', 'state'];
  const body = list.map((c) => [
    String(c.id),
    cell(c.whopCompanyId),
    cell(c.name),
    c.tier,
    c.workspaces.length ? cell(c.workspaces.join(' '), 60) : '-',
    c.lastSyncAt ? c.lastSyncAt.slice(0, 16).replace('T', ' ') : 'never',
    c.stateText,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n') + '\n';
}
