// companies: the tenant. Every tenant-owned table points here with company_id.
import { defineEntity, p } from '@mikro-orm/core';
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
    /** The Whop app installation (aag_…) that brought the company; null for operator-added companies. */
    whopInstallationId: p.text().nullable(),
    installedAt: p.datetime().nullable(),
    /** Set by app_installation.deleted; nothing posts or syncs while it is set. */
    uninstalledAt: p.datetime().nullable(),
    /** Whop refused a read for a missing permission (403 / insufficient_scope): the creator must re-approve. */
    needsReapprovalAt: p.datetime().nullable(),
    needsReapprovalReason: p.text().nullable(),
    /** The membership of Pulse's own Whop plan that sets `tier`; null = set by the operator or Free. */
    tierMembershipId: p.text().nullable(),
    tierCheckedAt: p.datetime().nullable(),
    /** A requested erase: posting and syncing stop at once; every row goes once `eraseAfter` has passed. */
    eraseRequestedAt: p.datetime().nullable(),
    eraseAfter: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [
    {
      name: 'companies_whop_installation_id_unique',
      properties: ['whopInstallationId'],
      where: 'whop_installation_id is not null',
    },
  ],
  indexes: [{ name: 'companies_erase_after_index', properties: ['eraseAfter'], where: 'erase_after is not null' }],
});
