// Socket Mode for installs without a public URL: with an app-level token (SLACK_APP_TOKEN, `xapp-…`, scope
// connections:write) Slack pushes the same slash commands, clicks and events over a WebSocket opened from here
// (apps.connections.open, then the socket), and acks travel back on it. Same listeners as the HTTP path; the Web
// API (SLACK_API_URL) also serves apps.connections.open. Checked against the loopback fake only, not the real
// Slack (no network here).
import { App, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../core/config.ts';
import type { BotDeps, BotLogger } from '../deps.ts';
import { appOptions, listen, type SlackAppOptions } from './app.ts';
import { boltLogger } from './bolt-logger.ts';
import { SlackTokens, slackTokenMode } from './oauth/tokens.ts';

export function createSlackSocketApp(deps: BotDeps, opts: SlackAppOptions & { appToken: string }): App {
  const receiver = new SocketModeReceiver({
    appToken: opts.appToken,
    logger: boltLogger(opts.log),
    installerOptions: { clientOptions: { ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}), timeout: 10_000 } },
  });
  const app = new App({ ...appOptions(opts), receiver });
  listen(app, deps, opts);
  return app;
}

/**
 * Connects when SLACK_APP_TOKEN is set and some workspace can be answered (installations through OAuth, or
 * SLACK_BOT_TOKEN); null otherwise. `stop()` disconnects.
 */
export async function startSlackSocketMode(
  deps: BotDeps,
  config: Config,
  log: BotLogger,
): Promise<{ stop(): Promise<void> } | null> {
  if (!config.SLACK_APP_TOKEN || !slackTokenMode(config)) return null;
  const app = createSlackSocketApp(deps, {
    appToken: config.SLACK_APP_TOKEN,
    tokens: SlackTokens.fromConfig(config, deps.db, log),
    log,
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
  });
  await app.start();
  log.info({}, 'slack socket mode connected');
  return {
    stop: async () => {
      await app.stop();
    },
  };
}
