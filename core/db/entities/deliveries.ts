// deliveries: what was posted where; unique (company_id, dedupe_key) so nothing posts twice. The ledger of
// core/delivery: a row is claimed (inserted) in the transaction that decides a post is due, then posted.
import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, serialId } from './columns.ts';
import { companyKey } from './tenant.ts';
import { chatPlatforms, WorkspaceLink } from './workspace-links.ts';

export const deliveryStatuses = ['claimed', 'posted', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const Delivery = defineEntity({
  name: 'Delivery',
  tableName: 'deliveries',
  properties: {
    company: companyKey(),
    id: serialId(),
    dedupeKey: p.text(),
    platform: p.enum(chatPlatforms),
    channelId: p.text(),
    messageId: p.text().nullable(),
    /** e.g. `daily_digest`, `churn_alert`. */
    kind: p.text(),
    /** `claimed` (a worker owns it, not posted yet), `posted`, or `failed` (permanent error: not retried). */
    status: p.enum(deliveryStatuses).default('claimed'),
    attempts: p.integer().default(0),
    /** The last error (permanent ones are shown in /pulse status); never a secret. */
    error: p.text().nullable(),
    postedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    /**
     * While `claimed`: no other worker may take it before this instant (the claiming worker's lease, renewed
     * while it posts; after a transient error, the backoff's retry time). Null once posted or failed.
     */
    leaseUntil: p.datetime().nullable(),
    /** The workspace the channel belongs to (null when the link was removed since). */
    workspaceLink: p.manyToOne(WorkspaceLink).ref().nullable().deleteRule('set null'),
    /** What the post is about, so a retry after a crash posts the same thing (alert's predictions, anomalies). */
    payload: p.json<unknown>().nullable(),
  },
  uniques: [{ properties: ['company', 'dedupeKey'] }],
  indexes: [{ name: 'deliveries_claimed_lease_until_index', properties: ['leaseUntil'], where: `status = 'claimed'` }],
});
