// Registers Pulse's slash commands with Discord: a bulk overwrite (PUT), globally or for one guild (guild
// commands appear at once; global ones can take up to an hour to reach every client).
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { commands as allCommands } from '../commands/index.ts';
import type { Command } from '../commands/types.ts';
import { slashCommandBodies } from './command-data.ts';
import { discordRest } from './rest.ts';

export interface RegisterCommandsOptions {
  token: string;
  appId: string;
  /** DISCORD_API_BASE_URL; Discord's when unset. */
  apiBase?: string;
  /** Register for this guild only. */
  guildId?: string;
  commands?: Command[];
}

/** Returns what Discord now holds (names and ids). */
export async function registerCommands(opts: RegisterCommandsOptions): Promise<{ name: string; id: string }[]> {
  const rest = discordRest({ token: opts.token, apiBase: opts.apiBase });
  const body = slashCommandBodies(opts.commands ?? allCommands);
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.appId, opts.guildId)
    : Routes.applicationCommands(opts.appId);
  const saved = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return saved.map((c) => ({ name: c.name, id: c.id }));
}
