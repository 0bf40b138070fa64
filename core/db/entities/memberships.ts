// memberships: a member's access to a plan (mem_…). status is Whop's MembershipStatus as sent.
import { defineEntity, p } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { Member } from './members.ts';
import { Plan } from './plans.ts';
import { Product } from './products.ts';
import { companyKey, sameCompany, setNull, targetKey } from './tenant.ts';

export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'memberships',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopId: p.text(),
    member: p
      .manyToOne(Member)
      .ref()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    plan: p
      .manyToOne(Plan)
      .ref()
      .joinColumns(...sameCompany('plan_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    product: p
      .manyToOne(Product)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('product_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('product_id')),
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
