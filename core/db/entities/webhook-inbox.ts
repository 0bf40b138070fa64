// webhook_inbox: every Whop webhook as received, keyed by its `webhook-id` so a redelivery is not applied twice, with
// its state: `pending` (not applied yet: its company is not in Pulse, or not tried), `failed` (an attempt failed;
// retried by the company's syncs), `applied`, `ignored` (a type Pulse does not apply) or `dead` (given up after the
// capped attempts; retried only by `pulse webhooks replay --dead`). core/whop/webhook-replay.ts moves them along.
import { defineEntity, p } from '@mikro-orm/core';
import { Company } from './companies.ts';
import { serialId } from './columns.ts';

export const webhookStates = ['pending', 'failed', 'applied', 'ignored', 'dead'] as const;
export type WebhookState = (typeof webhookStates)[number];

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
    receivedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onCreate(() => new Date()),
    state: p.enum(webhookStates).default('pending'),
    /** Set when the state becomes `applied`. */
    appliedAt: p.datetime().nullable(),
    /** Times applying was tried (arriving counts as one when the company is known and the type applied). */
    attempts: p.integer().default(0),
    /** Why it is not applied: the last failure, or "not applied: …" (unknown company, ignored type); null once applied. */
    error: p.text().nullable(),
  },
  indexes: [
    // The backlog (metrics) and the retention job's scans of unapplied events, without reading the whole inbox.
    { name: 'webhook_inbox_unapplied_received_at_index', properties: ['receivedAt'], where: 'applied_at is null' },
    // A sync's replay: its company's events that can still apply, oldest first.
    {
      name: 'webhook_inbox_open_whop_company_id_id_index',
      properties: ['whopCompanyId', 'id'],
      where: `state in ('pending', 'failed')`,
    },
  ],
});
