// Reconciling linked Discord servers with the servers the bot is really in: an HTTP-only bot gets no event when
// it is kicked, and a gateway that was down missed the GUILD_DELETE. The links are read first, then Discord's
// list (GET /users/@me/guilds); every linked server missing from the list is unlinked, unless its link was
// written meanwhile (bound or re-bound while the list was read: the list may predate it).
import type { REST } from 'discord.js';
import { unlinkWorkspace, workspaceLinkVersions } from '../../core/tenancy/index.ts';
import type { BotDeps } from '../deps.ts';
import { listBotGuildIds } from './guild-membership.ts';

export interface ReconcileOutcome {
  /** Servers the bot is in. */
  listed: number;
  /** Linked servers it is no longer in, now unlinked. */
  unlinked: string[];
  /** Set when nothing was unlinked on purpose. */
  refused?: 'empty-list';
}

export async function reconcileDiscordGuilds(
  deps: Pick<BotDeps, 'db' | 'log'>,
  rest: REST,
  signal?: AbortSignal,
): Promise<ReconcileOutcome> {
  const links = await workspaceLinkVersions(deps.db, 'discord');
  const present = await listBotGuildIds(rest, signal);
  const absent = links.filter((l) => !present.has(l.externalId));
  // An empty list beside linked servers is more likely a wrong DISCORD_TOKEN (another application's bot) than
  // every server removing Pulse at once: unlinking would throw away every server's settings.
  if (present.size === 0 && absent.length > 0) {
    deps.log.error(
      { linked: absent.length },
      'discord lists no server for this bot while servers are linked; nothing unlinked (check DISCORD_TOKEN)',
    );
    return { listed: 0, unlinked: [], refused: 'empty-list' };
  }
  const unlinked: string[] = [];
  for (const link of absent) {
    signal?.throwIfAborted();
    const removed = await unlinkWorkspace(deps.db, 'discord', link.externalId, { ifVersion: link.version });
    if (!removed) continue;
    deps.log.info(
      { guildId: link.externalId, companyId: removed.companyId, signal: 'reconcile' },
      'discord server unlinked: Pulse is no longer in it',
    );
    unlinked.push(link.externalId);
  }
  return { listed: present.size, unlinked };
}
