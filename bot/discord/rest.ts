// The discord.js REST client every Discord call goes through (follow-ups, channel posts, command
// registration), pointed at DISCORD_API_BASE_URL when set (the loopback fake in tests); optionally told about
// calls refused with "Unknown Guild" (10004), which may mean Pulse was removed from that server.
//
// Requests go through the platform's fetch (discord.js's own documented `makeRequest: fetch`), not
// @discordjs/rest's bundled undici 6: openai and Bolt load undici 8, which on load installs itself as the
// process-wide dispatcher under undici's shared legacy symbol; undici 6's request() then hands its
// multipart body to undici 8, which refuses FormData it did not create — every message with files failed.
import { REST, type RESTOptions } from 'discord.js';

/** discord.js's `api` option is the base without the version: 'https://discord.com/api'. */
export function restApiBase(base: string | undefined): string | undefined {
  if (!base) return undefined;
  return base.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export interface DiscordRestOptions {
  token?: string;
  /** DISCORD_API_BASE_URL; Discord's own when unset. */
  apiBase?: string;
  /** Rate limits longer than this are thrown (a transient failure for the caller) instead of waited out. */
  maxRateLimitWaitMs?: number;
  /** Request timeout (discord.js default 15 s). */
  timeoutMs?: number;
  /** Called with the server id when a call naming a server gets 404 "Unknown Guild" (10004). */
  onUnknownGuild?: (guildId: string) => void;
}

/** discord.js's request function: the platform fetch, which serialises FormData itself. */
export const makeDiscordRequest: RESTOptions['makeRequest'] = (url, init) => fetch(url, init as RequestInit);

/** makeDiscordRequest that also reports 10004 "Unknown Guild" answers to calls under /guilds/{id}. */
function watchingUnknownGuilds(onUnknownGuild: (guildId: string) => void): RESTOptions['makeRequest'] {
  return async (url, init) => {
    const res = await fetch(url, init as RequestInit);
    const guildId = res.status === 404 ? /\/guilds\/(\d{5,25})(?:\/|$)/.exec(new URL(url).pathname)?.[1] : undefined;
    if (guildId) {
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as { code?: unknown } | null;
      if (body?.code === 10004) onUnknownGuild(guildId);
    }
    return res;
  };
}

export function discordRest(opts: DiscordRestOptions): REST {
  const api = restApiBase(opts.apiBase);
  const maxWait = opts.maxRateLimitWaitMs ?? 30_000;
  const rest = new REST({
    version: '10',
    ...(api ? { api } : {}),
    timeout: opts.timeoutMs ?? 15_000,
    rejectOnRateLimit: (limit) => limit.retryAfter > maxWait,
    makeRequest: opts.onUnknownGuild ? watchingUnknownGuilds(opts.onUnknownGuild) : makeDiscordRequest,
  });
  if (opts.token) rest.setToken(opts.token);
  return rest;
}
