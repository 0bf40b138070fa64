// A WebClient per workspace for the posts Pulse makes on its own (digests, alerts, their chart uploads): the
// workspace's bot token from tokens.ts, one client kept per token (a reinstall's new token gets a new client).
import { WebClient, type RetryOptions } from '@slack/web-api';
import type { BotLogger } from '../../deps.ts';
import { boltLogger } from '../bolt-logger.ts';
import type { SlackTokens } from './tokens.ts';

/** Clients kept at most; the oldest is dropped past this (installs come and go). */
const MAX_CLIENTS = 500;

export class SlackClients {
  private readonly tokens: SlackTokens;
  private readonly byToken = new Map<string, WebClient>();
  private readonly options: {
    slackApiUrl?: string;
    retryConfig?: RetryOptions;
    logger: ReturnType<typeof boltLogger>;
    timeout: number;
  };

  constructor(opts: { tokens: SlackTokens; apiUrl?: string; retryConfig?: RetryOptions; log: BotLogger }) {
    this.tokens = opts.tokens;
    this.options = {
      // 30 s per Web API attempt (chart uploads included): bounded, never forever.
      ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
      ...(opts.retryConfig ? { retryConfig: opts.retryConfig } : {}),
      logger: boltLogger(opts.log),
      timeout: 30_000,
    };
  }

  /** The client speaking for workspace `teamId`, or null when Pulse is not installed there. */
  async forWorkspace(teamId: string): Promise<WebClient | null> {
    const bot = await this.tokens.botFor({ teamId });
    if (!bot) return null;
    let client = this.byToken.get(bot.botToken);
    if (!client) {
      client = new WebClient(bot.botToken, this.options);
      if (this.byToken.size >= MAX_CLIENTS) this.byToken.delete(this.byToken.keys().next().value!);
      this.byToken.set(bot.botToken, client);
    }
    return client;
  }
}
