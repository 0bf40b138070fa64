// Company-level rollups behind core/engagement, rebuilt per day range with engagement_daily:
// the day's counted members, their score total and activity buckets; and activity per 15-minute slot
// of UTC time (every zone's offset is whole quarter hours, so slots add up to local hours and days).
import { defineEntity, p } from '@mikro-orm/core';
import { companyRef } from './tenant.ts';

export const EngagementCompanyDaily = defineEntity({
  name: 'EngagementCompanyDaily',
  tableName: 'engagement_company_daily',
  properties: {
    company: companyRef().primary(),
    day: p.date().primary(),
    /** Members with a counted membership (MRR > 0 in the revenue rollup) at the end of the day. */
    members: p.integer().default(0),
    /** Sum of their scores (a member without an engagement_daily row scores 0). */
    scoreSum: p.bigint('number').default(0),
    active: p.integer().default(0),
    idle: p.integer().default(0),
    dormant: p.integer().default(0),
  },
});

export const ActivitySlot = defineEntity({
  name: 'ActivitySlot',
  tableName: 'activity_slots',
  properties: {
    company: companyRef().primary(),
    /** Start of a 15-minute slot of UTC time. */
    slot: p.datetime().primary(),
    events: p.integer().default(0),
  },
});
