// Daily rollups, rebuilt per day range: engagement per member, revenue per company, content per item.
// `day` is a calendar date in the company's time zone ('YYYY-MM-DD').
import { defineEntity, p } from '@mikro-orm/core';
import { minorUnits } from './columns.ts';
import { ContentItem } from './content-items.ts';
import { Member } from './members.ts';
import { companyKeyImplied, companyRef, sameCompany, targetKey } from './tenant.ts';

export const EngagementDaily = defineEntity({
  name: 'EngagementDaily',
  tableName: 'engagement_daily',
  properties: {
    company: companyKeyImplied(),
    member: p
      .manyToOne(Member)
      .ref()
      .primary()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    day: p.date().primary(),
    messages: p.integer().default(0),
    active: p.boolean().default(false),
    progressPoints: p.float().default(0),
    score: p.smallint().default(0),
    lastActivityAt: p.datetime().nullable(),
  },
  // A day's rows in one index range, covering what member lists read (core/engagement).
  indexes: [
    {
      name: 'engagement_daily_company_id_day_member_id_index',
      properties: ['company', 'day', 'member'],
      include: ['score', 'lastActivityAt'],
    },
  ],
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
