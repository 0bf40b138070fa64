// Events API listeners: the App Home tab; the workspace removing Pulse.
import type { App } from '@slack/bolt';
import type { SlackEnv } from '../env.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled, tokensRevoked } from './app-uninstalled.ts';

export function registerEvents(app: App, env: SlackEnv): void {
  app.event('app_home_opened', appHomeOpened(env));
  app.event('app_uninstalled', appUninstalled(env));
  app.event('tokens_revoked', tokensRevoked(env));
}
