// Posting digests and alerts to a Slack channel (bot/deliverer.ts's Deliverer): chat.postMessage with the
// answer's blocks, then its charts with files.uploadV2 in that message's thread. Failures retrying cannot fix
// (channel gone, bot removed or not invited, archived, token revoked) become PermanentDeliveryError; a 429 is
// waited out and retried by the WebClient (its retryConfig), and anything else is thrown as transient. An alert
// whose state changed is edited in place with chat.update. Each post goes out with its workspace's own bot token
// (`clients`, oauth/clients.ts); a workspace Pulse is not installed in fails for good. A single `botToken` serves
// every destination (single-workspace installs, tests).
import { WebAPIPlatformError, WebClient, type RetryOptions } from '@slack/web-api';
import type { Answer } from '../answer.ts';
import type { BotLogger } from '../deps.ts';
import { PermanentDeliveryError, type Deliverer, type Destination } from '../deliverer.ts';
import { boltLogger } from './bolt-logger.ts';
import { uploadCharts } from './charts.ts';
import type { SlackClients } from './oauth/clients.ts';
import { renderSlackMessage } from './render/message.ts';

export const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'token_revoked',
  'not_authed',
  'missing_scope',
  'restricted_action',
  'team_access_not_granted',
  'invalid_blocks',
  'msg_too_long',
]);

/** A scheduled post can wait: a few retries over about a minute. */
export const deliveryRetries: RetryOptions = {
  retries: 4,
  factor: 2,
  minTimeout: 2000,
  maxTimeout: 30_000,
  randomize: true,
};

export class SlackDeliverer implements Deliverer {
  readonly platform = 'slack' as const;
  private readonly client: WebClient | undefined;
  private readonly clients: SlackClients | undefined;
  private readonly log: BotLogger;

  constructor(opts: {
    botToken?: string;
    clients?: SlackClients;
    apiUrl?: string;
    log: BotLogger;
    retryConfig?: RetryOptions;
    client?: WebClient;
  }) {
    this.log = opts.log;
    this.clients = opts.clients;
    this.client = opts.clients
      ? undefined
      : (opts.client ??
        new WebClient(opts.botToken, {
          // 30 s per attempt: chart uploads are larger than chat messages, and the worker can wait; never forever.
          ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
          retryConfig: opts.retryConfig ?? deliveryRetries,
          logger: boltLogger(opts.log),
          timeout: 30_000,
        }));
  }

  private async clientFor(destination: Destination): Promise<WebClient> {
    const client = this.clients ? await this.clients.forWorkspace(destination.workspaceId) : this.client;
    if (!client) throw new PermanentDeliveryError('Pulse is not installed in this Slack workspace', 'not_installed');
    return client;
  }

  async post(destination: Destination, answer: Answer): Promise<{ messageId: string }> {
    if (destination.platform !== 'slack')
      throw new PermanentDeliveryError(
        `a ${destination.platform} destination given to the Slack deliverer`,
        'wrong_platform',
      );
    // A channel post is seen by everyone in it: an answer meant for one person is never posted.
    if (answer.visibility === 'ephemeral')
      throw new PermanentDeliveryError('a private answer cannot be posted to a channel', 'private_answer');
    const client = await this.clientFor(destination);
    let ts: string;
    try {
      const res = await client.chat.postMessage({
        ...renderSlackMessage(answer),
        channel: destination.channelId,
        unfurl_links: false,
      });
      ts = res.ts ?? '';
    } catch (err) {
      throw this.classify(err);
    }
    if (answer.charts.length > 0) {
      // The message is out: a chart that fails is logged, not retried (a retry would post the message twice).
      await uploadCharts(client, { channelId: destination.channelId, threadTs: ts }, answer.charts).catch(
        (err: unknown) => {
          this.log.warn(
            { channelId: destination.channelId, err: err instanceof Error ? err.message : String(err) },
            'slack digest chart not uploaded',
          );
        },
      );
    }
    return { messageId: ts };
  }

  async edit(destination: Destination, messageId: string, answer: Answer): Promise<void> {
    if (destination.platform !== 'slack')
      throw new PermanentDeliveryError(
        `a ${destination.platform} destination given to the Slack deliverer`,
        'wrong_platform',
      );
    if (answer.visibility === 'ephemeral')
      throw new PermanentDeliveryError('a private answer cannot replace a channel message', 'private_answer');
    const client = await this.clientFor(destination);
    try {
      await client.chat.update({
        ...renderSlackMessage({ ...answer, charts: [] }),
        channel: destination.channelId,
        ts: messageId,
      });
    } catch (err) {
      // message_not_found / cant_update_message: the message was deleted, or is not Pulse's.
      if (
        err instanceof WebAPIPlatformError &&
        (err.data.error === 'message_not_found' || err.data.error === 'cant_update_message')
      ) {
        throw new PermanentDeliveryError(`Slack refused the edit: ${err.data.error}`, err.data.error);
      }
      throw this.classify(err);
    }
  }

  private classify(err: unknown): Error {
    if (err instanceof WebAPIPlatformError && PERMANENT_SLACK_ERRORS.has(err.data.error)) {
      return new PermanentDeliveryError(`Slack refused the post: ${err.data.error}`, err.data.error);
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
