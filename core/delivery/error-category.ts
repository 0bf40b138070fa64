// What kind of failure a delivery's stored error was, in words fit for chat. The ledger keeps the whole text
// (a platform's message, a driver error quoting SQL, an address) for operators; /pulse status, which anyone
// granted Pulse may run, shows only this category and the row's reference.
import type { DeliveryAddress } from './dedupe-key.ts';

type Platform = DeliveryAddress['platform'];

const platformName = (p: Platform) => (p === 'discord' ? 'Discord' : 'Slack');

/** Codes stored first (`<code>: <message>`) by the deliverers' PermanentDeliveryError and the delivery runner. */
const byCode: Record<string, string> = {
  discord_10003: 'channel not found',
  channel_not_found: 'channel not found',
  is_archived: 'channel archived',
  not_in_channel: 'Pulse is not in the channel',
  discord_50001: 'no access to the channel',
  discord_50013: 'missing permission in the channel',
  restricted_action: 'missing permission in the channel',
  missing_scope: 'missing permission in the channel',
  invalid_auth: 'bot token refused',
  token_revoked: 'bot token refused',
  not_authed: 'bot token refused',
  account_inactive: 'bot token refused',
  team_access_not_granted: 'bot token refused',
  invalid_blocks: 'message refused',
  msg_too_long: 'message refused',
  workspace_unlinked: 'workspace unlinked',
  no_deliverer: 'platform not configured',
};

/**
 * A platform client's own failure, as the deliverers throw it: DiscordDeliverer's "Discord post failed, will
 * retry: …", @slack/web-api's "A request error occurred: …", "An HTTP protocol error occurred: …", "A rate limit
 * was exceeded …", "An API error occurred: <code>". Anything else (building the post: the database) is internal.
 */
const platformFailure =
  /Discord post failed|An? (?:API|HTTP protocol|request) error occurred|A rate limit was exceeded/;

const platformKinds: [RegExp, string][] = [
  [/rate.?limit|\b429\b|ratelimited/i, 'rate limited'],
  [
    /ECONN\w*|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|fetch failed|socket hang up|AbortError|timed? ?out|request error occurred/i,
    'unreachable',
  ],
  [
    /\b5\d\d\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|internal_error|fatal_error|service_unavailable/i,
    'server error',
  ],
];

/** The platforms' own words for a refusal, in errors stored without a code. */
const byWords: [RegExp, string][] = [
  [/Unknown Channel|channel_not_found/, 'channel not found'],
  [/Missing Access/, 'no access to the channel'],
  [/Missing Permissions/, 'missing permission in the channel'],
];

const network = /ECONN\w*|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|fetch failed|socket hang up|timed? ?out/i;

/** "channel not found", "Discord rate limited", "Slack unreachable", "Whop unreachable", …, else "internal error". */
export function deliveryErrorCategory(error: string, platform: Platform): string {
  if (/never finished/.test(error)) return 'worker stopped while posting';
  // A failure after the last retry is stored as "gave up after N attempts: <the last error>".
  const last = error.replace(/^gave up after \d+ attempts: /, '');
  const code = /^([a-z0-9_]+): /.exec(last)?.[1] ?? /An API error occurred: ([a-z0-9_]+)/.exec(last)?.[1];
  if (code && byCode[code]) return byCode[code];
  if (code?.startsWith('discord_')) return 'message refused';
  if (platformFailure.test(last)) {
    const kind = platformKinds.find(([pattern]) => pattern.test(last))?.[1];
    return `${platformName(platform)} ${kind ?? 'refused the post'}`;
  }
  const worded = byWords.find(([pattern]) => pattern.test(last))?.[1];
  if (worded) return worded;
  if (/\bwhop\b/i.test(last) && network.test(last)) return 'Whop unreachable';
  return 'internal error';
}
