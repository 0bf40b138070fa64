// The revenue rollup behind core/revenue (docs/metrics.md#mrr), rebuilt per company as of
// one instant: each customer's MRR as constant spans of local calendar days, failed and recovered payments
// per day, and when it was built.
// revenue_daily (rollups.ts) holds the same history summed per day.
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits } from './columns.ts';
import { Member } from './members.ts';
import { companyKeyImplied, companyRef, sameCompany, targetKey } from './tenant.ts';

/** One customer's MRR, constant over the days [fromDay, toDay); toDay null = still so at the rollup's as_of. */
export const CustomerMrrSpan = defineEntity({
  name: 'CustomerMrrSpan',
  tableName: 'customer_mrr_spans',
  properties: {
    company: companyKeyImplied(),
    member: p
      .manyToOne(Member)
      .ref()
      .primary()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    fromDay: p.date().primary(),
    toDay: p.date().nullable(),
    mrrMinor: minorUnits(),
    /** The part of mrrMinor in past-due grace (a failed renewal not yet 30 days old or since paid). */
    pastDueMinor: minorUnits().default(0),
    /** MRR on the day before fromDay (0 when the customer had none). */
    prevMrrMinor: minorUnits().default(0),
    /** MRR on toDay (0 = churn that day); null while the span is open. */
    nextMrrMinor: minorUnits().nullable(),
    /** First day of the customer's unbroken run of MRR this span belongs to. */
    streakFromDay: p.date(),
    /** The customer's first MRR ever (a "new" movement rather than a reactivation). */
    firstMrr: p.boolean(),
    /** The day this customer's MRR next drops to 0; null while still a customer. */
    churnDay: p.date().nullable(),
  },
  indexes: [{ properties: ['company', 'fromDay'] }, { properties: ['company', 'toDay'] }],
});

/** Payments that failed on a day (company time zone), and how many of them were paid within 30 days. */
export const PaymentFailuresDaily = defineEntity({
  name: 'PaymentFailuresDaily',
  tableName: 'payment_failures_daily',
  properties: {
    company: companyRef().primary(),
    day: p.date().primary(),
    failed: p.integer().default(0),
    failedMinor: minorUnits().default(0),
    recovered: p.integer().default(0),
    recoveredMinor: minorUnits().default(0),
  },
});

/** Which instant a company's rollup (customer_mrr_spans, payment_failures_daily, revenue_daily) was computed as of. */
export const RevenueRollup = defineEntity({
  name: 'RevenueRollup',
  tableName: 'revenue_rollups',
  properties: {
    company: companyRef().primary(),
    asOf: p.datetime(),
    builtAt: p.datetime(),
    /** First and last day in revenue_daily (company time zone); firstDay null when there is no revenue yet. */
    firstDay: p.date().nullable(),
    lastDay: p.date(),
    spans: p.integer().default(0),
    buildMs: p.integer().default(0),
  },
});
