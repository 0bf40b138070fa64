// payments: charges (pay_…). amount_minor is Whop's `total` in minor units of `currency`.
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits, serialId } from './columns.ts';
import { Member } from './members.ts';
import { Membership } from './memberships.ts';
import { Plan } from './plans.ts';
import { companyKey, sameCompany, setNull, targetKey } from './tenant.ts';

export const paymentKinds = ['initial', 'renewal', 'one_time', 'other'] as const;
export type PaymentKind = (typeof paymentKinds)[number];

export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payments',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopId: p.text(),
    membership: p
      .manyToOne(Membership)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('membership_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('membership_id')),
    member: p
      .manyToOne(Member)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('member_id')),
    plan: p
      .manyToOne(Plan)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('plan_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('plan_id')),
    amountMinor: minorUnits(),
    currency: p.text(),
    status: p.text(),
    substatus: p.text().nullable(),
    billingReason: p.text().nullable(),
    kind: p.enum(paymentKinds),
    paidAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
    refundedAmountMinor: minorUnits().default(0),
    refundedAt: p.datetime().nullable(),
    failureMessage: p.text().nullable(),
    /** Whop's count of failed attempts on this payment (payments_failed). */
    attempts: p.integer().nullable(),
    /** Whop's last and next scheduled attempt of this charge (last_payment_attempt, next_payment_attempt). */
    lastAttemptAt: p.datetime().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    whopCreatedAt: p.datetime(),
    whopUpdatedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
  indexes: [
    { properties: ['company', 'paidAt'] },
    { properties: ['company', 'membership', 'paidAt'] },
    // Failed payments by day (revenue drill-downs of failed and recovered payments): few rows, so partial.
    {
      name: 'payments_company_id_failed_at_index',
      properties: ['company', 'failedAt'],
      where: 'failed_at is not null',
    },
    // Unpaid failures of every company: the failed-payment rescue scan finds the companies with work in it.
    {
      name: 'payments_unpaid_failures_index',
      properties: ['failedAt'],
      where: 'failed_at is not null and paid_at is null',
    },
  ],
});
