// setup_channels: the channel a workspace was set up from (/pulse setup, the Whop-key form), recorded when the
// workspace binds to its company, so "Pulse is ready" can be posted there once the first sync is in. A later
// setup of the same workspace for the same company moves it; every query is scoped by company.
import type { Queryable } from '../db/queryable.ts';
import type { ChatPlatform } from '../tenancy/index.ts';

export interface SetupChannelInput {
  companyId: number;
  platform: ChatPlatform;
  externalId: string;
  channelId: string;
  at: Date;
}

/** Chat channel ids are short tokens (Discord snowflakes, Slack C…/G…/D… ids); anything else is not recorded. */
const channelPattern = /^[A-Za-z0-9]{1,40}$/;

export async function recordSetupChannel(db: Queryable, input: SetupChannelInput): Promise<boolean> {
  if (!channelPattern.test(input.channelId)) return false;
  await db.query(
    `insert into setup_channels (company_id, platform, external_id, channel_id, recorded_at) values ($1, $2, $3, $4, $5)
     on conflict (company_id, platform, external_id) do update set channel_id = excluded.channel_id, recorded_at = excluded.recorded_at`,
    [input.companyId, input.platform, input.externalId, input.channelId, input.at],
  );
  return true;
}

/** The setup channel of each of the company's workspaces (platform + external id -> channel id). */
export async function setupChannelsOf(db: Queryable, companyId: number): Promise<Map<string, string>> {
  const { rows } = await db.query<{ platform: string; external_id: string; channel_id: string }>(
    'select platform, external_id, channel_id from setup_channels where company_id = $1',
    [companyId],
  );
  return new Map(rows.map((r) => [`${r.platform}:${r.external_id}`, r.channel_id]));
}
