// PULSE_ROLE=gateway: the discord.js gateway client for installs without a public interactions URL (main.ts
// starts it). Needs DISCORD_TOKEN; honours DISCORD_API_BASE_URL.
import { ConfigError, type Config } from '../core/config.ts';
import { startDiscordGateway, type DiscordGateway } from '../bot/discord/gateway.ts';
import type { SharedDeps } from './bot-deps.ts';

export interface StartedGateway {
  gateway: DiscordGateway;
  stop(): Promise<void>;
}

export async function startGateway(config: Config, shared: SharedDeps): Promise<StartedGateway> {
  if (!config.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN', 'is required for PULSE_ROLE=gateway');
  const gateway = await startDiscordGateway({
    token: config.DISCORD_TOKEN,
    apiBase: config.DISCORD_API_BASE_URL,
    deps: shared,
  });
  shared.log.info({ user: gateway.client.user?.tag }, 'discord gateway connected');
  return { gateway, stop: () => gateway.stop() };
}
