// discord:guilds-reconcile (daily) — unlinks linked Discord servers the bot is no longer in
// (bot/discord/guild-reconcile.ts): an HTTP-interactions bot hears nothing when it is kicked, and a gateway that
// was offline missed the GUILD_DELETE. Skipped without DISCORD_TOKEN.
import type { REST } from 'discord.js';
import { reconcileDiscordGuilds } from '../../bot/discord/guild-reconcile.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import type { JobContext } from './context.ts';

export async function reconcileDiscordServers(ctx: JobContext, rest?: REST): Promise<Record<string, unknown>> {
  const token = ctx.config.DISCORD_TOKEN;
  if (!token && !rest) return { skipped: 'no DISCORD_TOKEN' };
  const client = rest ?? discordRest({ token, apiBase: ctx.config.DISCORD_API_BASE_URL });
  const outcome = await reconcileDiscordGuilds({ db: ctx.pool, log: ctx.log }, client, ctx.signal);
  return {
    listed: outcome.listed,
    unlinked: outcome.unlinked.length,
    ...(outcome.refused ? { refused: outcome.refused } : {}),
  };
}
