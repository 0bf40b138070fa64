// Slash command listeners: Pulse keeps one command, `/pulse`, with the subcommands as its first words.
import type { App } from '@slack/bolt';
import { SLASH_COMMAND } from '../../usage.ts';
import type { SlackEnv } from '../env.ts';
import { pulseCommand } from './pulse.ts';

export function registerCommands(app: App, env: SlackEnv): void {
  app.command(SLASH_COMMAND, pulseCommand(env));
}
