// webhook_inbox: every Whop webhook as received, keyed by its `webhook-id` so a redelivery is not applied twice.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Company } from './companies.ts';
import { serialId } from './columns.ts';

export const WebhookInbox = defineEntity({
  name: 'WebhookInbox',
  tableName: 'webhook_inbox',
  properties: {
    id: serialId(),
    webhookId: p.text().unique(),
    /** Null until the event is matched to a company. */
    company: p.manyToOne(Company).ref().nullable().deleteRule('cascade'),
    whopCompanyId: p.text().nullable(),
    eventType: p.text(),
    payload: p.json<unknown>(),
    receivedAt: p.datetime().defaultRaw('current_timestamp').onCreate(() => new Date()),
    appliedAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    error: p.text().nullable(),
  },
  // The backlog (metrics, `webhooks replay --unapplied`) without scanning the whole inbox.
  indexes: [{ name: 'webhook_inbox_unapplied_received_at_index', properties: ['receivedAt'], where: 'applied_at is null' }],
});
export type IWebhookInbox = InferEntity<typeof WebhookInbox>;
