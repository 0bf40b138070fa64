// `pulse register-commands [--guild <id>]`: registers the slash commands with Discord (bulk overwrite),
// globally or for one guild. Needs DISCORD_TOKEN and DISCORD_APP_ID; honours DISCORD_API_BASE_URL.
import { registerCommands } from '../../bot/discord/register.ts';
import { UsageError } from '../runtime.ts';
import type { VerbHandler } from './types.ts';

export const run: VerbHandler = async (config, values) => {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID)
    throw new UsageError('DISCORD_TOKEN and DISCORD_APP_ID must be set');
  const guildId = typeof values.guild === 'string' ? values.guild : undefined;
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId))
    throw new UsageError('--guild must be a Discord guild id (a snowflake)');
  const saved = await registerCommands({
    token: config.DISCORD_TOKEN,
    appId: config.DISCORD_APP_ID,
    apiBase: config.DISCORD_API_BASE_URL,
    guildId,
  });
  const where = guildId ? `in guild ${guildId}` : 'globally (may take up to an hour to appear everywhere)';
  process.stdout.write(
    `registered ${saved.length} Discord commands ${where}: ${saved.map((c) => `/${c.name}`).join(', ')}\n`,
  );
};
