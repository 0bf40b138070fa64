// Every Slack listener, grouped by kind as in slack-samples/bolt-ts-starter-template: each kind's index
// registers its callbacks, and every callback acks first.
import type { App } from '@slack/bolt';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import type { SlackEnv } from './env.ts';
import { registerEvents } from './events/index.ts';
import { registerViews } from './views/index.ts';

export function registerListeners(app: App, env: SlackEnv): void {
  registerCommands(app, env);
  registerActions(app, env);
  registerViews(app, env);
  registerEvents(app, env);
}
