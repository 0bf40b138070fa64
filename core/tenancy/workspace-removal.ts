// Unlinking a workspace Pulse was removed from (Slack uninstall, Discord server left or kicked): the link row goes,
// so the digest and alert scans no longer see it at once, and deliveries already claimed for it lose their link
// (deliveries.workspace_link_id is set null) and fail for good on their next attempt instead of posting.
import type { Queryable } from '../db/queryable.ts';
import type { ChatPlatform } from '../db/entities/workspace-links.ts';

export interface UnlinkedWorkspace {
  linkId: number;
  companyId: number;
  externalId: string;
}

/** A link as it stood when read: `version` changes whenever the link is written (re-bound, settings changed). */
export interface LinkVersion {
  externalId: string;
  version: string;
}

const version = `(extract(epoch from updated_at) * 1000000)::bigint::text`;

/**
 * Removes the link of a guild/team; null when it was not linked. With `ifVersion`, only if the link was not
 * written since it was read (a reconcile must not unlink a server re-bound while it listed servers).
 */
export async function unlinkWorkspace(
  db: Queryable,
  platform: ChatPlatform,
  externalId: string,
  opts: { ifVersion?: string } = {},
): Promise<UnlinkedWorkspace | null> {
  const { rows } = await db.query<{ id: string; company_id: string; external_id: string }>(
    `delete from workspace_links where platform = $1 and external_id = $2 ${opts.ifVersion ? `and ${version} = $3` : ''}
     returning id, company_id, external_id`,
    opts.ifVersion ? [platform, externalId, opts.ifVersion] : [platform, externalId],
  );
  return rows[0]
    ? { linkId: Number(rows[0].id), companyId: Number(rows[0].company_id), externalId: rows[0].external_id }
    : null;
}

/** Every link of a platform with its version (read before a reconcile lists what is really there). */
export async function workspaceLinkVersions(db: Queryable, platform: ChatPlatform): Promise<LinkVersion[]> {
  const { rows } = await db.query<{ external_id: string; version: string }>(
    `select external_id, ${version} as version from workspace_links where platform = $1 order by id`,
    [platform],
  );
  return rows.map((r) => ({ externalId: r.external_id, version: r.version }));
}
