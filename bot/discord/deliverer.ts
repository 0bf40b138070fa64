// DiscordDeliverer: posts digests and alerts to a channel with discord.js REST (POST /channels/{id}/messages,
// multipart with the charts as files), and edits an alert in place (PATCH /channels/{id}/messages/{message id}). 429s and 5xx are discord.js's to retry (it waits out rate limits and
// retries 5xx); what still fails is thrown as a transient error. A channel that is gone or closed to the bot
// (404 Unknown Channel, 403 Missing Access / Permissions) is a PermanentDeliveryError, as is any other 4xx
// except 401 (a bad bot token is fixed by the operator, after which retries succeed). A refusal that may mean Pulse
// was removed from the server (Unknown Channel, Missing Access, Unknown Guild) is handed to `guildGone`, which
// checks and unlinks the server (guild-removal.ts).
import { DiscordAPIError, Routes, type APIMessage, type REST } from 'discord.js';
import type { Answer } from '../answer.ts';
import { PermanentDeliveryError, type Deliverer, type Destination } from '../deliverer.ts';
import type { GuildRemoval } from './guild-removal.ts';
import { renderAnswer } from './render/message.ts';

/** Unknown Channel, Missing Access, Unknown Guild. */
const MAYBE_REMOVED = new Set([10003, 50001, 10004]);

export class DiscordDeliverer implements Deliverer {
  readonly platform = 'discord' as const;
  private readonly rest: REST;
  private readonly guildGone: GuildRemoval | undefined;

  constructor(rest: REST, opts: { guildGone?: GuildRemoval } = {}) {
    this.rest = rest;
    this.guildGone = opts.guildGone;
  }

  async post(
    destination: Destination,
    answer: Answer,
    opts: { idempotencyKey?: string } = {},
  ): Promise<{ messageId: string }> {
    if (destination.platform !== 'discord')
      throw new PermanentDeliveryError(`not a Discord destination (${destination.platform})`, 'wrong_platform');
    // A channel post is seen by everyone in it: an answer meant for one person cannot go there.
    if (answer.visibility === 'ephemeral')
      throw new PermanentDeliveryError('an ephemeral answer cannot be posted to a channel', 'ephemeral_answer');
    const rendered = await renderAnswer(answer);
    // A retry after a crash between Discord accepting the post and the ledger recording it returns the first
    // message instead of posting again (Discord checks the nonce for a few minutes).
    const body = opts.idempotencyKey
      ? { ...rendered.body, nonce: opts.idempotencyKey.slice(0, 25), enforce_nonce: true }
      : rendered.body;
    const files = rendered.files;
    try {
      const sent = (await this.rest.post(Routes.channelMessages(destination.channelId), { body, files })) as APIMessage;
      return { messageId: sent.id };
    } catch (err) {
      if (err instanceof DiscordAPIError && this.guildGone && MAYBE_REMOVED.has(Number(err.code))) {
        await this.guildGone(destination.workspaceId, err.code === 10004 ? 'unknown_guild' : 'channel_refused').catch(
          () => false,
        );
      }
      if (
        err instanceof DiscordAPIError &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 429 &&
        err.status !== 401
      ) {
        throw new PermanentDeliveryError(
          `Discord refused the post: ${err.message} (${err.status}, code ${err.code})`,
          `discord_${err.code}`,
        );
      }
      throw new Error(`Discord post failed, will retry: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }

  async edit(destination: Destination, messageId: string, answer: Answer): Promise<void> {
    if (destination.platform !== 'discord')
      throw new PermanentDeliveryError(`not a Discord destination (${destination.platform})`, 'wrong_platform');
    if (answer.visibility === 'ephemeral')
      throw new PermanentDeliveryError('an ephemeral answer cannot replace a channel message', 'ephemeral_answer');
    // An edit carries no new files: the alerts edited in place have no charts.
    const { body } = await renderAnswer({ ...answer, charts: [] });
    try {
      await this.rest.patch(Routes.channelMessage(destination.channelId, messageId), { body });
    } catch (err) {
      // Unknown Message (deleted by an admin), Unknown Channel, Missing Access: nothing left to edit.
      if (
        err instanceof DiscordAPIError &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 429 &&
        err.status !== 401
      ) {
        throw new PermanentDeliveryError(
          `Discord refused the edit: ${err.message} (${err.status}, code ${err.code})`,
          `discord_${err.code}`,
        );
      }
      throw new Error(`Discord post failed, will retry: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }
}
