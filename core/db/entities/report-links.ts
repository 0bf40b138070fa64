// report_links: signed, expiring, revocable report URLs, each bound to one company and one report kind.
import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, serialId } from './columns.ts';
import { companyRef } from './tenant.ts';

export const ReportLink = defineEntity({
  name: 'ReportLink',
  tableName: 'report_links',
  properties: {
    id: serialId(),
    company: companyRef(),
    tokenId: p.uuid().unique(),
    kind: p.text(),
    params: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    createdBy: p.text(),
    createdAt: createdAt(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  },
});
