// Slack installations (OAuth v2 distribution): one row per workspace, or per Enterprise Grid organization for an
// org-wide install, with the bot token sealed under an HKDF sub-key of PULSE_SECRET and bound to the row's key, so a
// token copied onto another row does not open. Looked up by the team a request comes from, then its organization.
import type { Queryable } from '../db/queryable.ts';
import { decrypt, encrypt, hkdfKey } from '../crypto.ts';

const TOKEN_PURPOSE = 'slack-bot-tokens';

export interface SlackInstallationRow {
  /** `team:<id>` or `enterprise:<id>`. */
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string | null;
  botUserId: string;
  botScopes: string[];
  botToken: string;
  installedBy: string | null;
  installedAt: Date;
}

export type NewSlackInstallation = Omit<SlackInstallationRow, 'key' | 'installedAt'>;

interface Row extends Record<string, unknown> {
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  app_id: string | null;
  bot_id: string | null;
  bot_user_id: string;
  bot_scopes: string[];
  bot_token_enc: Buffer;
  installed_by: string | null;
  installed_at: Date;
}

/** The key of an installation: the organization for an org-wide install, the workspace otherwise. */
export function slackInstallationKey(i: {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
}): string {
  if (i.isEnterpriseInstall) {
    if (!i.enterpriseId) throw new Error('an org-wide Slack installation needs its enterprise id');
    return `enterprise:${i.enterpriseId}`;
  }
  if (!i.teamId) throw new Error('a Slack installation needs its team id');
  return `team:${i.teamId}`;
}

function open(secret: string, r: Row): SlackInstallationRow {
  return {
    key: r.installation_key,
    teamId: r.team_id,
    enterpriseId: r.enterprise_id,
    isEnterpriseInstall: r.is_enterprise_install,
    appId: r.app_id,
    botId: r.bot_id,
    botUserId: r.bot_user_id,
    botScopes: r.bot_scopes,
    botToken: decrypt(hkdfKey(secret, TOKEN_PURPOSE), r.bot_token_enc, r.installation_key),
    installedBy: r.installed_by,
    installedAt: r.installed_at,
  };
}

/** Stores an installation; installing again (new scopes, a new token) replaces the row. */
export async function saveSlackInstallation(db: Queryable, secret: string, i: NewSlackInstallation): Promise<string> {
  const key = slackInstallationKey(i);
  await db.query(
    `insert into slack_installations (installation_key, team_id, enterprise_id, is_enterprise_install, app_id, bot_id, bot_user_id,
       bot_scopes, bot_token_enc, installed_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (installation_key) do update set team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
       is_enterprise_install = excluded.is_enterprise_install, app_id = excluded.app_id, bot_id = excluded.bot_id,
       bot_user_id = excluded.bot_user_id, bot_scopes = excluded.bot_scopes, bot_token_enc = excluded.bot_token_enc,
       installed_by = excluded.installed_by, updated_at = now()`,
    [
      key,
      i.teamId,
      i.enterpriseId,
      i.isEnterpriseInstall,
      i.appId,
      i.botId,
      i.botUserId,
      i.botScopes,
      encrypt(hkdfKey(secret, TOKEN_PURPOSE), i.botToken, key),
      i.installedBy,
    ],
  );
  return key;
}

/**
 * The installation serving a request: the workspace's own, else its organization's org-wide one (an org-wide
 * request names only the organization). Null when Pulse is not installed there.
 */
export async function findSlackInstallation(
  db: Queryable,
  secret: string,
  q: { teamId?: string | null; enterpriseId?: string | null; isEnterpriseInstall?: boolean },
): Promise<SlackInstallationRow | null> {
  const keys = [
    ...(q.teamId && !q.isEnterpriseInstall ? [`team:${q.teamId}`] : []),
    ...(q.enterpriseId ? [`enterprise:${q.enterpriseId}`] : []),
  ];
  if (keys.length === 0) return null;
  const { rows } = await db.query<Row>(
    `select * from slack_installations where installation_key = any($1::text[])
     order by array_position($1::text[], installation_key) limit 1`,
    [keys],
  );
  return rows[0] ? open(secret, rows[0]) : null;
}

/** Deletes the installation with this key; returns what was deleted (token left sealed, never opened). */
export async function deleteSlackInstallation(
  db: Queryable,
  key: string,
): Promise<{ teamId: string | null; enterpriseId: string | null } | null> {
  const { rows } = await db.query<{ team_id: string | null; enterprise_id: string | null }>(
    'delete from slack_installations where installation_key = $1 returning team_id, enterprise_id',
    [key],
  );
  return rows[0] ? { teamId: rows[0].team_id, enterpriseId: rows[0].enterprise_id } : null;
}
