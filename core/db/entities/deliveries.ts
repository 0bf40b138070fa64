// deliveries: what was posted where; unique (company_id, dedupe_key) so nothing posts twice.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, serialId } from './columns.ts';
import { companyRef } from './tenant.ts';
import { chatPlatforms } from './workspace-links.ts';

export const deliveryStatuses = ['claimed', 'posted', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const Delivery = defineEntity({
  name: 'Delivery',
  tableName: 'deliveries',
  properties: {
    id: serialId(),
    company: companyRef(),
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
  },
  uniques: [{ properties: ['company', 'dedupeKey'] }],
});
export type IDelivery = InferEntity<typeof Delivery>;
