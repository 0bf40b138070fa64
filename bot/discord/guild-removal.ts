// A Discord server Pulse is no longer in gets unlinked (core/tenancy unlinkWorkspace): its digests and alerts
// stop at once. The signals handled here: the gateway's GUILD_DELETE without `unavailable` (sure: no check), and
// a refusal naming the server — error 10004 "Unknown Guild" on any call, or a post to one of its channels refused
// as Unknown Channel / Missing Access. A refusal is confirmed against the bot's server list first: Discord has
// answered 10004 for servers a bot was in, and Missing Access also means a channel the bot may not post in while
// it is still in the server. (The daily reconcile, guild-reconcile.ts, reads the whole list and unlinks itself.)
import type { REST } from 'discord.js';
import { unlinkWorkspace } from '../../core/tenancy/index.ts';
import type { BotDeps } from '../deps.ts';
import { botIsInGuild } from './guild-membership.ts';

export type RemovalSignal = 'guild_delete' | 'unknown_guild' | 'channel_refused';

const sure = new Set<RemovalSignal>(['guild_delete']);

/** Unlinks `guildId` on a removal signal; true when a link was removed. Never throws (failures are logged). */
export type GuildRemoval = (guildId: string, signal: RemovalSignal) => Promise<boolean>;

export function guildRemoval(deps: Pick<BotDeps, 'db' | 'log'>, rest?: REST): GuildRemoval {
  return async (guildId, signal) => {
    if (!/^\d{5,25}$/.test(guildId)) return false;
    if (!sure.has(signal)) {
      if (!rest) return false;
      try {
        if (await botIsInGuild(rest, guildId)) return false;
      } catch (err) {
        deps.log.warn(
          { guildId, signal, err: err instanceof Error ? err.message : String(err) },
          'discord server membership not checked; left linked',
        );
        return false;
      }
    }
    try {
      const removed = await unlinkWorkspace(deps.db, 'discord', guildId);
      if (removed)
        deps.log.info(
          { guildId, companyId: removed.companyId, signal },
          'discord server unlinked: Pulse is no longer in it',
        );
      return removed !== null;
    } catch (err) {
      deps.log.error(
        { guildId, signal, err: err instanceof Error ? err.message : String(err) },
        'discord server not unlinked',
      );
      return false;
    }
  };
}
