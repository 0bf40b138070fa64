// A Discord direct message from Pulse's bot to one member (core/outreach's DirectMessenger), with discord.js REST:
// POST /users/@me/channels { recipient_id } opens (or returns) the DM channel, then POST /channels/{id}/messages
// posts the text with no mention allowed to ping, and `nonce` + `enforce_nonce` so that a repeated post of the
// same message (discord.js retrying after a timeout) is not created twice. Discord lets a bot DM only users who
// share a server with it and accept DMs from its members; otherwise it answers 50007 "Cannot send messages to
// this user", which is said to the admin as it is.
import { DiscordAPIError, Routes, type APIChannel, type APIMessage, type REST } from 'discord.js';
import type { Delivery, DirectMessenger } from '../../core/outreach/delivery.ts';

function refusal(err: DiscordAPIError): string {
  if (err.code === 50007)
    return "Discord does not let Pulse's bot message this member (they share no server with it, or they turned off direct messages)";
  if (err.code === 10013) return "Discord does not know this member's account any more";
  return `Discord refused the direct message (code ${err.code})`;
}

export function discordDirectMessages(rest: REST): DirectMessenger {
  return {
    async send(discordUserId: string, text: string, nonce: string): Promise<Delivery> {
      let channel: APIChannel;
      try {
        channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: discordUserId } })) as APIChannel;
      } catch (err) {
        // Opening a DM channel posts nothing: any failure here is a definite "not sent".
        return {
          ok: false,
          definite: true,
          reason: err instanceof DiscordAPIError ? refusal(err) : 'Discord could not be reached',
        };
      }
      try {
        const message = (await rest.post(Routes.channelMessages(channel.id), {
          body: { content: text, allowed_mentions: { parse: [] }, nonce, enforce_nonce: true },
        })) as APIMessage;
        return { ok: true, externalId: message.id };
      } catch (err) {
        if (err instanceof DiscordAPIError && err.status >= 400 && err.status < 500)
          return { ok: false, definite: true, reason: refusal(err) };
        return {
          ok: false,
          definite: false,
          reason: 'Discord did not confirm the direct message (it may have arrived)',
        };
      }
    },
  };
}
