// memberships: a member's access to a plan (mem_…). status is Whop's MembershipStatus as sent.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { Member } from './members.ts';
import { Plan } from './plans.ts';
import { Product } from './products.ts';
import { companyRef } from './tenant.ts';

export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'memberships',
  properties: {
    id: serialId(),
    company: companyRef(),
    whopId: p.text(),
    member: p.manyToOne(Member).ref().deleteRule('cascade'),
    plan: p.manyToOne(Plan).ref().deleteRule('cascade'),
    product: p.manyToOne(Product).ref().nullable().deleteRule('set null'),
    status: p.text(),
    /** Whop's created_at. */
    startedAt: p.datetime(),
    joinedAt: p.datetime().nullable(),
    renewalPeriodStart: p.datetime().nullable(),
    renewalPeriodEnd: p.datetime().nullable(),
    cancelAtPeriodEnd: p.boolean().default(false),
    canceledAt: p.datetime().nullable(),
    cancelOption: p.text().nullable(),
    /** When access ended; null while it lasts. */
    endedAt: p.datetime().nullable(),
    whopUpdatedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
  indexes: [{ properties: ['company', 'member'] }, { properties: ['company', 'status'] }],
});
export type IMembership = InferEntity<typeof Membership>;
