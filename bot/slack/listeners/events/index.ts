// Events API listeners: the App Home tab.
import type { App } from '@slack/bolt';
import type { SlackEnv } from '../env.ts';
import { appHomeOpened } from './app-home-opened.ts';

export function registerEvents(app: App, env: SlackEnv): void {
  app.event('app_home_opened', appHomeOpened(env));
}
