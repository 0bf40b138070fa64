// deliveries: what was posted where; unique (company_id, dedupe_key) so nothing posts twice.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, serialId } from './columns.ts';
import { companyRef } from './tenant.ts';
import { chatPlatforms } from './workspace-links.ts';

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
    createdAt: createdAt(),
  },
  uniques: [{ properties: ['company', 'dedupeKey'] }],
});
export type IDelivery = InferEntity<typeof Delivery>;
