// sync_state: where each Whop resource's sync of a company stands (cursor, watermark, counts).
import { defineEntity, p } from '@mikro-orm/core';
import { companyRef } from './tenant.ts';

export const SyncState = defineEntity({
  name: 'SyncState',
  tableName: 'sync_state',
  properties: {
    company: companyRef().primary(),
    /** e.g. `memberships`, `payments`. */
    resource: p.text().primary(),
    cursor: p.text().nullable(),
    updatedSince: p.datetime().nullable(),
    status: p.text(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    counts: p.json<Record<string, number>>().defaultRaw(`'{}'`),
  },
});
