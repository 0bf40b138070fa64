// The interaction's own webhook (REST, authorised by the interaction token, not the bot token): the initial
// callback when it is not the HTTP reply (gateway mode), edits of @original, follow-up messages.
import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
  type APIInteractionResponse,
  type REST,
  type RawFile,
} from 'discord.js';
import type { DiscordMessage, DiscordMessageBody } from './render/message.ts';

/** An edit cannot change a message's flags (ephemeral is decided by the first response). */
function withoutFlags(body: DiscordMessageBody): Omit<DiscordMessageBody, 'flags'> {
  const { flags: _flags, ...rest } = body;
  return rest;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class InteractionWebhook {
  readonly rest: REST;
  readonly appId: string;
  readonly token: string;

  constructor(rest: REST, appId: string, token: string) {
    this.rest = rest;
    this.appId = appId;
    this.token = token;
  }

  /**
   * In HTTP mode our initial response travels back with Discord's request; an edit racing ahead of it can
   * meet "Unknown Webhook/Interaction": retried twice, briefly.
   */
  private async soon<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const early =
          err instanceof DiscordAPIError &&
          (err.code === RESTJSONErrorCodes.UnknownWebhook || err.code === RESTJSONErrorCodes.UnknownInteraction);
        if (!early || attempt >= 2) throw err;
        await pause(250 * (attempt + 1));
      }
    }
  }

  editOriginal(message: DiscordMessage): Promise<unknown> {
    return this.soon(() =>
      this.rest.patch(Routes.webhookMessage(this.appId, this.token, '@original'), {
        body: withoutFlags(message.body),
        files: message.files,
        auth: false,
      }),
    );
  }

  followUp(message: DiscordMessage): Promise<unknown> {
    return this.soon(() =>
      this.rest.post(Routes.webhook(this.appId, this.token), { body: message.body, files: message.files, auth: false }),
    );
  }
}

/** POST /interactions/{id}/{token}/callback: the initial response in gateway mode. */
export function sendInteractionCallback(
  rest: REST,
  interaction: { id: string; token: string },
  response: APIInteractionResponse,
  files: RawFile[] = [],
): Promise<unknown> {
  return rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: response,
    files,
    auth: false,
  });
}
