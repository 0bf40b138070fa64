// The Bolt app: one bot token (SLACK_BOT_TOKEN), the Web API at SLACK_API_URL, Pulse's listeners, and the HTTP
// receiver the Fastify route feeds (POST /slack/events); socket-mode.ts builds the same app on Socket Mode.
// auth.test runs once, on the first event, and is cached; if it fails, events still run.
import { App, type Authorize } from '@slack/bolt';
import { WebClient, type RetryOptions } from '@slack/web-api';
import type { BotDeps, BotLogger } from '../commands/types.ts';
import { SlackActors } from './actor.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerListeners } from './listeners/index.ts';
import { SlackHttpReceiver } from './receiver.ts';

export interface SlackAppOptions {
  botToken: string;
  /** Web API base (SLACK_API_URL); Slack's own when unset. */
  apiUrl?: string;
  log: BotLogger;
  /** Retries of Web API calls made while answering (short: a response_url lives 30 minutes, people less). */
  retryConfig?: RetryOptions;
  /** Wall clock of signature checks and caches (answers use deps.now). */
  nowMs?: () => number;
}

export const interactiveRetries: RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3000, randomize: true };

function cachedAuthorize(opts: SlackAppOptions): Authorize<boolean> {
  let ids: Promise<{ botId?: string; botUserId?: string }> | undefined;
  const client = new WebClient(opts.botToken, { ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}), logger: boltLogger(opts.log), retryConfig: { retries: 0 } });
  return async () => {
    ids ??= client.auth.test().then(
      (r) => ({ ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) }),
      (err: unknown) => {
        opts.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'slack auth.test failed; will retry on the next event');
        ids = undefined;
        return {};
      });
    return { botToken: opts.botToken, ...(await ids) };
  };
}

/** What every Pulse Bolt app shares, whatever its receiver. */
export function appOptions(opts: SlackAppOptions) {
  return {
    authorize: cachedAuthorize(opts),
    logger: boltLogger(opts.log),
    clientOptions: { ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}), retryConfig: opts.retryConfig ?? interactiveRetries },
  };
}

/** Registers Pulse's listeners and the app's last-resort error log. */
export function listen(app: App, deps: BotDeps, opts: SlackAppOptions): void {
  registerListeners(app, { deps, log: opts.log, actors: new SlackActors({ log: opts.log, ...(opts.nowMs ? { nowMs: opts.nowMs } : {}) }) });
  app.error(async (err) => { opts.log.error({ err: err.message, code: err.code }, 'slack event failed'); });
}

/** For POST /slack/events: feed `receiver.handle()` with each request's raw body and headers. */
export function createSlackHttpApp(deps: BotDeps, opts: SlackAppOptions & { signingSecret: string }): { app: App; receiver: SlackHttpReceiver } {
  const receiver = new SlackHttpReceiver({ signingSecret: opts.signingSecret, log: opts.log, ...(opts.nowMs ? { nowMs: opts.nowMs } : {}) });
  const app = new App({ ...appOptions(opts), receiver });
  listen(app, deps, opts);
  return { app, receiver };
}
