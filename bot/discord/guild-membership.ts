// Which servers the bot is in, from Discord's own list (GET /users/@me/guilds: at most 200 per page, in id
// order, paged with `after`). The whole list feeds the daily reconcile; one server is checked with a single call
// (`after` = its id minus one, `limit=1`: the first server at or above it is that server when the bot is there).
import { Routes, type REST } from 'discord.js';

interface PartialGuild {
  id: string;
}

const PAGE = 200;

/** Every server id the bot is in. Throws when a page cannot be read: a partial list must not unlink anything. */
export async function listBotGuildIds(rest: REST, signal?: AbortSignal): Promise<Set<string>> {
  const ids = new Set<string>();
  let after = '0';
  for (;;) {
    signal?.throwIfAborted();
    const page = (await rest.get(Routes.userGuilds(), {
      query: new URLSearchParams({ limit: String(PAGE), after }),
    })) as PartialGuild[];
    for (const g of page) ids.add(g.id);
    if (page.length < PAGE) return ids;
    after = page.reduce((max, g) => (BigInt(g.id) > BigInt(max) ? g.id : max), after);
  }
}

/** Whether the bot is in server `guildId` right now. */
export async function botIsInGuild(rest: REST, guildId: string): Promise<boolean> {
  const after = (BigInt(guildId) - 1n).toString();
  const page = (await rest.get(Routes.userGuilds(), {
    query: new URLSearchParams({ limit: '1', after }),
  })) as PartialGuild[];
  return page[0]?.id === guildId;
}
