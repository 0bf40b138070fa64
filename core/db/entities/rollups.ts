// Daily rollups, rebuilt per day range: engagement per member, revenue per company, content per item.
// `day` is a calendar date in the company's time zone ('YYYY-MM-DD').
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits } from './columns.ts';
import { ContentItem } from './content-items.ts';
import { Member } from './members.ts';
import { companyKeyErasedUnderLock, companyRef, sameCompany, targetKey } from './tenant.ts';

/**
 * A member's day, keyed by day first: the report's member lists read one day's rows, one range of the key. No
 * foreign key: the rows are derived from activity_events and written only by the engagement rollup, under the
 * company's rollup lock, which both erasures take before deleting a member's or a company's rows here themselves
 * (core/lifecycle). PostgreSQL's check of a member reference on every inserted row was 5.8 s of a 61-day rebuild at
 * 100,000 members (docs/data-model.md#keys-and-distribution).
 */
export const EngagementDaily = defineEntity({
  name: 'EngagementDaily',
  tableName: 'engagement_daily',
  properties: {
    company: companyKeyErasedUnderLock(),
    day: p.date().primary(),
    member: p
      .manyToOne(Member)
      .ref()
      .primary()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .createForeignKeyConstraint(false),
    messages: p.integer().default(0),
    active: p.boolean().default(false),
    progressPoints: p.float().default(0),
    score: p.smallint().default(0),
    lastActivityAt: p.datetime().nullable(),
  },
});

export const RevenueDaily = defineEntity({
  name: 'RevenueDaily',
  tableName: 'revenue_daily',
  properties: {
    company: companyRef().primary(),
    day: p.date().primary(),
    mrrMinor: minorUnits().default(0),
    customers: p.integer().default(0),
    newMinor: minorUnits().default(0),
    reactivationMinor: minorUnits().default(0),
    expansionMinor: minorUnits().default(0),
    contractionMinor: minorUnits().default(0),
    churnMinor: minorUnits().default(0),
    revenueMinor: minorUnits().default(0),
    refundsMinor: minorUnits().default(0),
  },
});

export const ContentDaily = defineEntity({
  name: 'ContentDaily',
  tableName: 'content_daily',
  properties: {
    company: companyRef().primary(),
    contentItem: p
      .manyToOne(ContentItem)
      .ref()
      .primary()
      .joinColumns(...sameCompany('content_item_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    day: p.date().primary(),
    views: p.integer().default(0),
    uniqueViewers: p.integer().default(0),
    completions: p.integer().default(0),
  },
});
