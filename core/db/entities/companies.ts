// companies: the tenant. Every tenant-owned table points here with company_id.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, serialId, updatedAt } from './columns.ts';

export const companyTiers = ['free', 'pro', 'enterprise'] as const;
export type CompanyTier = (typeof companyTiers)[number];

/** Engagement weights, alert thresholds, digest options: shaped and validated by their owners. */
export type CompanySettings = Record<string, unknown>;

export const Company = defineEntity({
  name: 'Company',
  tableName: 'companies',
  properties: {
    id: serialId(),
    whopCompanyId: p.text().unique(),
    name: p.text(),
    tier: p.enum(companyTiers).default('free'),
    timeZone: p.text().default('UTC'),
    currency: p.text().default('usd'),
    settings: p.json<CompanySettings>().defaultRaw(`'{}'`),
    /** AES-256-GCM: iv || tag || ciphertext. */
    credentialsEnc: p.blob().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type ICompany = InferEntity<typeof Company>;
