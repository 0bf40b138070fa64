// The Bolt app: the Web API at SLACK_API_URL, Pulse's listeners, and the HTTP receiver the Fastify route feeds
// (POST /slack/events); socket-mode.ts builds the same app on Socket Mode. Each request is authorized with its
// own workspace's bot token (oauth/tokens.ts: the workspace's installation, or SLACK_BOT_TOKEN for a
// single-workspace install), so every listener's `client` speaks for that workspace only.
import { App } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { BotDeps, BotLogger } from '../deps.ts';
import { SlackActors } from './actor.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerListeners } from './listeners/index.ts';
import type { SlackTokens } from './oauth/tokens.ts';
import { SlackHttpReceiver } from './receiver.ts';

export interface SlackAppOptions {
  /** Which bot token answers for which workspace. */
  tokens: SlackTokens;
  /** Web API base (SLACK_API_URL); Slack's own when unset. */
  apiUrl?: string;
  log: BotLogger;
  /** Retries of Web API calls made while answering (short: a response_url lives 30 minutes, people less). */
  retryConfig?: RetryOptions;
  /** Wall clock of signature checks and caches (answers use deps.now). */
  nowMs?: () => number;
}

export const interactiveRetries: RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 3000,
  randomize: true,
};

/** What every Pulse Bolt app shares, whatever its receiver. */
export function appOptions(opts: SlackAppOptions) {
  return {
    authorize: opts.tokens.authorize(),
    logger: boltLogger(opts.log),
    // 10 s per Web API attempt: a Slack that accepts and never answers costs a bounded wait, not a stuck answer.
    clientOptions: {
      ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
      retryConfig: opts.retryConfig ?? interactiveRetries,
      timeout: 10_000,
    },
  };
}

/** Registers Pulse's listeners and the app's last-resort error log. */
export function listen(app: App, deps: BotDeps, opts: SlackAppOptions): void {
  registerListeners(app, {
    deps,
    log: opts.log,
    actors: new SlackActors({ log: opts.log, ...(opts.nowMs ? { nowMs: opts.nowMs } : {}) }),
  });
  app.error(async (err) => {
    opts.log.error({ err: err.message, code: err.code }, 'slack event failed');
  });
}

/** For POST /slack/events: feed `receiver.handle()` with each request's raw body and headers. */
export function createSlackHttpApp(
  deps: BotDeps,
  opts: SlackAppOptions & { signingSecret: string },
): { app: App; receiver: SlackHttpReceiver } {
  const receiver = new SlackHttpReceiver({
    signingSecret: opts.signingSecret,
    log: opts.log,
    ...(opts.nowMs ? { nowMs: opts.nowMs } : {}),
  });
  const app = new App({ ...appOptions(opts), receiver });
  listen(app, deps, opts);
  return { app, receiver };
}
