// Discord Webhook Events (POST /discord/events, signed like interactions): PING (type 0) and events (type 1).
// APPLICATION_AUTHORIZED says who added Pulse where (integration_type 0 = a server install, with the server;
// 1 = a user install) and is written to the log as the install's audit line — the binding itself is already in
// workspace_links (linked_by) from the install callback, and Discord retries an event for 10 minutes, so a table
// would only hold duplicates of either. APPLICATION_DEAUTHORIZED names only a user who revoked Pulse's
// authorization on their account: it does not say which server, nor whether the bot was kicked (kicks may not
// send it at all), so it cannot unlink anything by itself; it triggers an early server reconcile, which can.
import { z } from 'zod';
import type { BotLogger } from '../deps.ts';

const snowflake = z.string().regex(/^\d{5,25}$/);

export const webhookEventBody = z.object({
  version: z.number().int().optional(),
  application_id: snowflake,
  type: z.union([z.literal(0), z.literal(1)]),
  event: z
    .object({
      type: z.string().max(64),
      timestamp: z.string().max(64).optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type WebhookEventBody = z.infer<typeof webhookEventBody>;

const authorized = z.object({
  integration_type: z.number().int().optional(),
  user: z.object({ id: snowflake }).optional(),
  scopes: z.array(z.string().max(64)).max(20).optional(),
  guild: z.object({ id: snowflake }).optional(),
});
const deauthorized = z.object({ user: z.object({ id: snowflake }).optional() });

export interface WebhookEventReactions {
  /** Re-check which servers the bot is in (APPLICATION_DEAUTHORIZED). */
  reconcileSoon(): void;
}

/** Acts on one event body already verified; never throws (a malformed event is logged and dropped). */
export function handleWebhookEvent(body: WebhookEventBody, log: BotLogger, react: WebhookEventReactions): void {
  const event = body.event;
  if (body.type !== 1 || !event) return;
  if (event.type === 'APPLICATION_AUTHORIZED') {
    const d = authorized.safeParse(event.data ?? {});
    if (!d.success) return log.warn({ event: event.type }, 'discord webhook event malformed');
    log.info(
      {
        event: event.type,
        at: event.timestamp,
        integrationType: d.data.integration_type,
        install: d.data.integration_type === 0 ? 'server' : 'user',
        userId: d.data.user?.id,
        guildId: d.data.guild?.id,
        scopes: d.data.scopes,
      },
      'discord application authorized',
    );
    return;
  }
  if (event.type === 'APPLICATION_DEAUTHORIZED') {
    const d = deauthorized.safeParse(event.data ?? {});
    log.info(
      { event: event.type, at: event.timestamp, userId: d.success ? d.data.user?.id : undefined },
      'discord application deauthorized by a user; checking servers',
    );
    react.reconcileSoon();
    return;
  }
  log.info({ event: event.type }, 'discord webhook event ignored');
}
