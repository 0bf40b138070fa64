// The revenue rollup per membership and plan (docs/metrics.md#drill-down-and-breakdowns), rebuilt with
// customer_mrr_spans as of the same instant: each membership's MRR on each plan as constant spans of local
// calendar days, each day's customer movements attributed to the memberships behind them, and MRR,
// customers and movements per plan and per product on the days they changed.
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits } from './columns.ts';
import { companyRef } from './tenant.ts';

export const mrrMovementKinds = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
export type MrrMovementKind = (typeof mrrMovementKinds)[number];
export const revenueSegments = ['plan', 'product'] as const;
export type RevenueSegment = (typeof revenueSegments)[number];

/** One membership's MRR on one plan, constant over the days [fromDay, toDay); toDay null = still so. */
export const MembershipMrrSpan = defineEntity({
  name: 'MembershipMrrSpan',
  tableName: 'membership_mrr_spans',
  properties: {
    company: companyRef().primary(),
    membershipId: p.bigint('number').primary(),
    planId: p.bigint('number').primary(),
    fromDay: p.date().primary(),
    memberId: p.bigint('number'),
    toDay: p.date().nullable(),
    mrrMinor: minorUnits(),
    /** The part of mrrMinor in past-due grace. */
    pastDueMinor: minorUnits().default(0),
  },
  indexes: [{ properties: ['company', 'fromDay'] }, { properties: ['company', 'toDay'] }],
});

/** A customer's movement on a day, or the part of it one membership on one plan accounts for. */
export const MembershipMrrMovement = defineEntity({
  name: 'MembershipMrrMovement',
  tableName: 'membership_mrr_movements',
  properties: {
    company: companyRef().primary(),
    day: p.date().primary(),
    movement: p.enum(mrrMovementKinds).primary(),
    membershipId: p.bigint('number').primary(),
    planId: p.bigint('number').primary(),
    memberId: p.bigint('number'),
    amountMinor: minorUnits(),
  },
});

/** MRR and customers of a plan or product at the end of a day on which they or its movements changed. */
export const RevenueSegmentDaily = defineEntity({
  name: 'RevenueSegmentDaily',
  tableName: 'revenue_segment_daily',
  properties: {
    company: companyRef().primary(),
    segment: p.enum(revenueSegments).primary(),
    /** plans.id or products.id; 0 for plans without a product. */
    segmentId: p.bigint('number').primary(),
    day: p.date().primary(),
    mrrMinor: minorUnits().default(0),
    customers: p.integer().default(0),
    newMinor: minorUnits().default(0),
    reactivationMinor: minorUnits().default(0),
    expansionMinor: minorUnits().default(0),
    contractionMinor: minorUnits().default(0),
    churnMinor: minorUnits().default(0),
    /** MRR that moved in (+) or out (-) with customers changing plan or product; sums to 0 over segments. */
    movedMinor: minorUnits().default(0),
  },
});
