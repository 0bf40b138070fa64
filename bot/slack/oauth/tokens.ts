// Which bot token speaks for a workspace. With OAuth distribution (SLACK_CLIENT_ID/SECRET) each workspace's own,
// from its installation (core/installations), else its organization's org-wide one. SLACK_BOT_TOKEN is the
// self-hoster's single workspace: alone, it serves every request as before; beside OAuth, only the team that
// auth.test says it belongs to. Bolt gets `authorize()`; deliverers get a WebClient per workspace (clients.ts).
import type { Authorize } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Config } from '../../../core/config.ts';
import type { Queryable } from '../../../core/db/queryable.ts';
import { findSlackInstallation } from '../../../core/installations/index.ts';
import type { BotLogger } from '../../deps.ts';
import { boltLogger } from '../bolt-logger.ts';

export interface SlackBot {
  botToken: string;
  botId?: string;
  botUserId?: string;
  teamId?: string;
  enterpriseId?: string;
}

export interface SlackWhere {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
}

export interface SlackTokensOptions {
  db: Queryable;
  secret: string;
  /** Installations serve workspaces (OAuth distribution is configured). */
  distributed: boolean;
  /** SLACK_BOT_TOKEN. */
  staticToken?: string;
  apiUrl?: string;
  log: BotLogger;
}

/** 'distributed' (OAuth installs), 'single' (SLACK_BOT_TOKEN only), or null when Slack cannot answer anyone. */
export function slackTokenMode(
  config: Pick<Config, 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_BOT_TOKEN'>,
): 'distributed' | 'single' | null {
  if (config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET) return 'distributed';
  return config.SLACK_BOT_TOKEN ? 'single' : null;
}

export class SlackTokens {
  private readonly opts: SlackTokensOptions;
  private staticIds: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | undefined;

  constructor(opts: SlackTokensOptions) {
    this.opts = opts;
  }

  static fromConfig(config: Config, db: Queryable, log: BotLogger): SlackTokens {
    return new SlackTokens({
      db,
      secret: config.PULSE_SECRET,
      log,
      distributed: slackTokenMode(config) === 'distributed',
      ...(config.SLACK_BOT_TOKEN ? { staticToken: config.SLACK_BOT_TOKEN } : {}),
      ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
    });
  }

  /** The bot for a request or a post; null when Pulse is not installed there. */
  async botFor(where: SlackWhere): Promise<SlackBot | null> {
    if (this.opts.distributed) {
      const row = await findSlackInstallation(this.opts.db, this.opts.secret, where);
      if (row) {
        return {
          botToken: row.botToken,
          botUserId: row.botUserId,
          ...(row.botId ? { botId: row.botId } : {}),
          ...(row.teamId ? { teamId: row.teamId } : where.teamId ? { teamId: where.teamId } : {}),
          ...(row.enterpriseId ? { enterpriseId: row.enterpriseId } : {}),
        };
      }
    }
    const token = this.opts.staticToken;
    if (!token) return null;
    const ids = await this.staticBotIds(token);
    if (this.opts.distributed && (!ids.teamId || ids.teamId !== where.teamId)) return null;
    return {
      botToken: token,
      ...(ids.botId ? { botId: ids.botId } : {}),
      ...(ids.botUserId ? { botUserId: ids.botUserId } : {}),
    };
  }

  /** Bolt's authorize: the workspace's bot, or an error (Bolt then calls no listener and logs it). */
  authorize(): Authorize<boolean> {
    return async (source) => {
      const bot = await this.botFor(source);
      if (!bot)
        throw new Error(
          `Pulse is not installed in Slack workspace ${source.teamId ?? source.enterpriseId ?? '(unknown)'}`,
        );
      return bot;
    };
  }

  /** auth.test once for the static token (its bot and team), retried on the next request if it failed. */
  private staticBotIds(token: string): Promise<{ botId?: string; botUserId?: string; teamId?: string }> {
    this.staticIds ??= new WebClient(token, {
      ...(this.opts.apiUrl ? { slackApiUrl: this.opts.apiUrl } : {}),
      logger: boltLogger(this.opts.log),
      retryConfig: { retries: 0 },
      timeout: 10_000,
    }).auth
      .test()
      .then(
        (r) => ({
          ...(r.bot_id ? { botId: r.bot_id } : {}),
          ...(r.user_id ? { botUserId: r.user_id } : {}),
          ...(r.team_id ? { teamId: r.team_id } : {}),
        }),
        (err: unknown) => {
          this.opts.log.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'slack auth.test failed; will retry on the next event',
          );
          this.staticIds = undefined;
          return {};
        },
      );
    return this.staticIds;
  }
}
