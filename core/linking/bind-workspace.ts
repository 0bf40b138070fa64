// Binds a Discord guild or Slack team to a company once a Whop admin proved they run it (link page, install
// grant). One statement decides: the company must still have Pulse installed, and a workspace already bound to
// ANOTHER company stays where it is (moving it takes an unlink first); binding again to the same company
// keeps its settings. Several workspaces may share one company: the proof is what lets the next one join.
import type { Queryable } from '../db/queryable.ts';
import { findWorkspaceLink, type ChatPlatform, type WorkspaceLinkRow } from '../tenancy/index.ts';
import { installedCondition } from './installed-company.ts';

export interface BindWithProofInput {
  platform: ChatPlatform;
  /** Guild id (Discord) or team id (Slack). */
  externalId: string;
  companyId: number;
  /** Actor ref of whoever asked (`discord:<id>`, `slack:<team>:<id>`, `whop:<user id>`). */
  linkedBy: string;
}

export type BindWithProofResult =
  | { ok: true; link: WorkspaceLinkRow; created: boolean }
  | { ok: false; reason: 'linked-to-another-company' | 'company-not-installed' | 'bad-workspace' };

export async function bindWorkspaceWithProof(db: Queryable, input: BindWithProofInput): Promise<BindWithProofResult> {
  const externalId = input.externalId.trim();
  if (!externalId || externalId.length > 64) return { ok: false, reason: 'bad-workspace' };
  const { rows } = await db.query<{ inserted: boolean }>(
    `insert into workspace_links (company_id, platform, external_id, linked_by)
     select c.id, $2, $3, $4 from companies c where c.id = $1 and ${installedCondition}
     on conflict (platform, external_id) do update set linked_by = excluded.linked_by, updated_at = now()
       where workspace_links.company_id = excluded.company_id
     returning (xmax = 0) as inserted`,
    [input.companyId, input.platform, externalId, input.linkedBy],
  );
  const link = await findWorkspaceLink(db, input.platform, externalId);
  if (rows[0] && link) return { ok: true, link, created: rows[0].inserted };
  if (link && link.companyId !== input.companyId) return { ok: false, reason: 'linked-to-another-company' };
  return { ok: false, reason: 'company-not-installed' };
}
