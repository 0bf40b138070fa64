// Outgoing delivery behind one small interface (docs/style.md#layering): digests and alerts are posted by the jobs in
// server/jobs through a Deliverer (and edited in place when their state changes); bot/discord and bot/slack implement
// it with their official clients.
import type { Answer } from './answer.ts';

export interface Destination {
  platform: 'discord' | 'slack';
  /** Guild id / team id the channel belongs to (checked against the company's links before posting). */
  workspaceId: string;
  channelId: string;
}

export interface Deliverer {
  readonly platform: 'discord' | 'slack';
  /**
   * Posts the answer (with its charts rendered and attached); returns the platform's message id.
   * `idempotencyKey` (at most 25 characters) makes a repeated post of the same delivery a no-op where the
   * platform supports it (Discord's `nonce` + `enforce_nonce`, checked for a few minutes); Slack has none.
   */
  post(destination: Destination, answer: Answer, opts?: { idempotencyKey?: string }): Promise<{ messageId: string }>;
  /**
   * Replaces a message this deliverer posted (Discord: PATCH the channel message; Slack: chat.update) with the
   * answer, charts left out; an alert whose state changed (a failed payment recovered) is edited in place.
   */
  edit(destination: Destination, messageId: string, answer: Answer): Promise<void>;
}

/**
 * A failure retrying will not fix (channel deleted, bot removed, missing permission): recorded and shown in
 * `/pulse status`, not retried. Anything else thrown by `post` counts as transient (429, 5xx, network).
 */
export class PermanentDeliveryError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
    this.code = code;
  }
}
