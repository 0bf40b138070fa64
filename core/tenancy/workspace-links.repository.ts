// Which company a Discord guild or Slack team belongs to, and its chat settings. Every chat surface
// resolves its tenant here first: a guild/team maps to exactly one company (unique platform+external_id).
import type { Queryable } from '../db/queryable.ts';
import type { ChatPlatform } from '../db/entities/workspace-links.ts';
import { BadInput, NotLinked } from '../errors.ts';
import { CompanyRemoved, companyLifecycle, liveCompanySql, removedMessage } from '../lifecycle/company-state.ts';
import { companyById, type Company } from '../companies/company.repository.ts';

export type { ChatPlatform } from '../db/entities/workspace-links.ts';

export interface WorkspaceLinkRow {
  id: number;
  companyId: number;
  platform: ChatPlatform;
  /** Guild id (Discord) or team id (Slack). */
  externalId: string;
  digestChannelId: string | null;
  alertChannelId: string | null;
  /** A private channel where member-level answers may be posted publicly (opt-in); null = always ephemeral. */
  staffChannelId: string | null;
  /** Roles (Discord role ids / Slack user-group or user ids) the creator gave access to Pulse. */
  allowedRoleIds: string[];
  /** Local hour (company time zone) of the daily digest. */
  digestHour: number;
  /** 0 = Sunday … 6 = Saturday; null = no weekly digest. */
  weeklyDigestDay: number | null;
  /** Gateway mode: count messages per member per day (no content) as engagement (opt-in). */
  captureActivity: boolean;
  linkedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A linked workspace and its company: the tenant of every chat request. */
export interface Tenant {
  company: Company;
  link: WorkspaceLinkRow;
}

interface Row extends Record<string, unknown> {
  id: string;
  company_id: string;
  platform: ChatPlatform;
  external_id: string;
  digest_channel_id: string | null;
  alert_channel_id: string | null;
  staff_channel_id: string | null;
  allowed_role_ids: string[];
  digest_hour: number;
  weekly_digest_day: number | null;
  capture_activity: boolean;
  linked_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = `id, company_id, platform, external_id, digest_channel_id, alert_channel_id, staff_channel_id,
  allowed_role_ids, digest_hour, weekly_digest_day, capture_activity, linked_by, created_at, updated_at`;

function toLink(r: Row): WorkspaceLinkRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    platform: r.platform,
    externalId: r.external_id,
    digestChannelId: r.digest_channel_id,
    alertChannelId: r.alert_channel_id,
    staffChannelId: r.staff_channel_id,
    allowedRoleIds: r.allowed_role_ids,
    digestHour: r.digest_hour,
    weeklyDigestDay: r.weekly_digest_day,
    captureActivity: r.capture_activity,
    linkedBy: r.linked_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findWorkspaceLink(
  db: Queryable,
  platform: ChatPlatform,
  externalId: string,
): Promise<WorkspaceLinkRow | null> {
  const { rows } = await db.query<Row>(
    `select ${columns} from workspace_links where platform = $1 and external_id = $2`,
    [platform, externalId],
  );
  return rows[0] ? toLink(rows[0]) : null;
}

/**
 * The tenant of a guild/team, or null when it is not linked yet (the caller shows setup guidance).
 * CompanyRemoved when its company uninstalled Pulse or asked to be erased: the link no longer answers.
 */
export async function findTenant(db: Queryable, platform: ChatPlatform, externalId: string): Promise<Tenant | null> {
  const link = await findWorkspaceLink(db, platform, externalId);
  if (!link) return null;
  const life = await companyLifecycle(db, link.companyId);
  if (life && (life.state === 'uninstalled' || life.state === 'erase-pending'))
    throw new CompanyRemoved(removedMessage(life));
  return { link, company: await companyById(db, link.companyId) };
}

/** The tenant, or NotLinked. */
export async function requireTenant(db: Queryable, platform: ChatPlatform, externalId: string): Promise<Tenant> {
  const tenant = await findTenant(db, platform, externalId);
  if (!tenant)
    throw new NotLinked(`this ${platform === 'discord' ? 'server' : 'workspace'} is not linked to a Whop company yet`);
  return tenant;
}

/** Every link of a company (digest and alert destinations). */
export async function companyWorkspaceLinks(db: Queryable, companyId: number): Promise<WorkspaceLinkRow[]> {
  const { rows } = await db.query<Row>(`select ${columns} from workspace_links where company_id = $1 order by id`, [
    companyId,
  ]);
  return rows.map(toLink);
}

/**
 * Attaches a guild/team to a company (setup). Re-linking a workspace to the same company keeps its settings;
 * moving it to another company resets the channels and roles, which belonged to the old setup.
 */
export async function linkWorkspace(
  db: Queryable,
  input: { platform: ChatPlatform; externalId: string; companyId: number; linkedBy: string },
): Promise<WorkspaceLinkRow> {
  if (!input.externalId.trim()) throw new BadInput('a guild or team id is required');
  const { rows } = await db.query<Row>(
    `insert into workspace_links (company_id, platform, external_id, linked_by)
     values ($1, $2, $3, $4)
     on conflict (platform, external_id) do update set
       company_id = excluded.company_id, linked_by = excluded.linked_by, updated_at = now(),
       digest_channel_id = case when workspace_links.company_id = excluded.company_id then workspace_links.digest_channel_id end,
       alert_channel_id = case when workspace_links.company_id = excluded.company_id then workspace_links.alert_channel_id end,
       staff_channel_id = case when workspace_links.company_id = excluded.company_id then workspace_links.staff_channel_id end,
       allowed_role_ids = case when workspace_links.company_id = excluded.company_id then workspace_links.allowed_role_ids else '{}' end
     returning ${columns}`,
    [input.companyId, input.platform, input.externalId, input.linkedBy],
  );
  return toLink(rows[0] as Row);
}

export interface WorkspaceSettingsPatch {
  digestChannelId?: string | null;
  alertChannelId?: string | null;
  staffChannelId?: string | null;
  allowedRoleIds?: string[];
  digestHour?: number;
  weeklyDigestDay?: number | null;
  captureActivity?: boolean;
}

/** Changes a link's chat settings; scoped by company so a link id from elsewhere changes nothing. */
export async function updateWorkspaceSettings(
  db: Queryable,
  companyId: number,
  linkId: number,
  patch: WorkspaceSettingsPatch,
): Promise<WorkspaceLinkRow> {
  if (
    patch.digestHour !== undefined &&
    !(Number.isInteger(patch.digestHour) && patch.digestHour >= 0 && patch.digestHour <= 23)
  ) {
    throw new BadInput('digest hour must be a whole hour 0-23');
  }
  if (
    patch.weeklyDigestDay != null &&
    !(Number.isInteger(patch.weeklyDigestDay) && patch.weeklyDigestDay >= 0 && patch.weeklyDigestDay <= 6)
  ) {
    throw new BadInput('weekly digest day must be 0 (Sunday) to 6 (Saturday)');
  }
  const map: [keyof WorkspaceSettingsPatch, string][] = [
    ['digestChannelId', 'digest_channel_id'],
    ['alertChannelId', 'alert_channel_id'],
    ['staffChannelId', 'staff_channel_id'],
    ['allowedRoleIds', 'allowed_role_ids'],
    ['digestHour', 'digest_hour'],
    ['weeklyDigestDay', 'weekly_digest_day'],
    ['captureActivity', 'capture_activity'],
  ];
  const sets: string[] = [];
  const values: unknown[] = [companyId, linkId];
  for (const [key, column] of map) {
    if (patch[key] === undefined) continue;
    values.push(patch[key]);
    sets.push(`${column} = $${values.length}`);
  }
  const { rows } = await db.query<Row>(
    `update workspace_links set ${[...sets, 'updated_at = now()'].join(', ')} where company_id = $1 and id = $2 returning ${columns}`,
    values,
  );
  if (!rows[0]) throw new NotLinked('this workspace link no longer exists');
  return toLink(rows[0]);
}

/** A link posting digests, with its company's time zone (what the digest scan needs). */
export interface DigestLink {
  id: number;
  companyId: number;
  platform: ChatPlatform;
  digestChannelId: string;
  digestHour: number;
  weeklyDigestDay: number | null;
  timeZone: string;
}

/** Links with a digest channel on one of `platforms`, of live companies only, in id order. */
export async function digestLinks(db: Queryable, platforms: readonly ChatPlatform[]): Promise<DigestLink[]> {
  const { rows } = await db.query<{
    id: string;
    company_id: string;
    platform: ChatPlatform;
    digest_channel_id: string;
    digest_hour: number;
    weekly_digest_day: number | null;
    time_zone: string;
  }>(
    `select l.id, l.company_id, l.platform, l.digest_channel_id, l.digest_hour, l.weekly_digest_day, c.time_zone
     from workspace_links l join companies c on c.id = l.company_id
     where l.digest_channel_id is not null and l.platform = any($1::text[]) and ${liveCompanySql('c')} order by l.id`,
    [platforms],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    companyId: Number(r.company_id),
    platform: r.platform,
    digestChannelId: r.digest_channel_id,
    digestHour: r.digest_hour,
    weeklyDigestDay: r.weekly_digest_day,
    timeZone: r.time_zone,
  }));
}
