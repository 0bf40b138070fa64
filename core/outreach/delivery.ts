// What one attempt to reach a member says back, shared by the Whop and Discord senders. A refusal is
// `definite` when the platform answered that it did not deliver (no permission, no such user, DMs closed): the
// next way may be tried. Anything else (a timeout, a 5xx, a dropped connection) may have delivered: Pulse
// stops there rather than risk a second message.
export type Delivery = { ok: true; externalId: string } | { ok: false; definite: boolean; reason: string };

/**
 * A Discord direct message from Pulse's bot (bot/discord/direct-message.ts implements it with discord.js REST).
 * `nonce` (at most 25 characters) makes a repeated post of the same message a no-op on Discord's side.
 */
export interface DirectMessenger {
  send(discordUserId: string, text: string, nonce: string): Promise<Delivery>;
}
