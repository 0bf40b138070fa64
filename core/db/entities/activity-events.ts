// activity_events: append-only engagement facts from Whop, Discord and Slack, by far the largest table.
// Partitioned by month of occurred_at (migrations and core/retention create the partitions; MikroORM leaves
// partitioning it is not told about alone, so the entity describes the parent table only). The partition key is
// part of the primary key and of the dedupe index: (company_id, source, external_id, occurred_at) is unique where
// external_id is set, and occurred_at is the source's own creation time of the message, post or lesson interaction,
// fixed for a given external id, so a repeated delivery still meets its first copy.
import { defineEntity, p } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { ContentItem } from './content-items.ts';
import { Member } from './members.ts';
import { companyKey, sameCompany, setNull, targetKey, includeColumns } from './tenant.ts';

export const activityKinds = ['message', 'visit', 'lesson_view', 'lesson_complete', 'forum_post', 'reaction'] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activitySources = ['whop', 'discord', 'slack'] as const;
export type ActivitySource = (typeof activitySources)[number];

export const ActivityEvent = defineEntity({
  name: 'ActivityEvent',
  tableName: 'activity_events',
  properties: {
    company: companyKey(),
    /** The partition key (monthly ranges), so part of the primary key; the key also serves (company_id, occurred_at). */
    occurredAt: p.datetime().primary(),
    id: serialId(),
    /** Null until the author is mapped to a member. */
    member: p
      .manyToOne(Member)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('member_id')),
    kind: p.enum(activityKinds),
    source: p.enum(activitySources),
    contentItem: p
      .manyToOne(ContentItem)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('content_item_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('content_item_id')),
    /** e.g. course progress points. */
    value: p.float().nullable(),
    externalId: p.text().nullable(),
  },
  indexes: [
    { properties: ['company', 'member', 'occurredAt'] },
    // Content interactions only (a few % of events), covering what core/content reads: by time, and by member.
    {
      name: 'activity_events_content_by_time_index',
      properties: ['company', 'occurredAt'],
      include: includeColumns('member_id', 'content_item_id', 'kind'),
      where: 'content_item_id is not null',
    },
    {
      name: 'activity_events_content_by_member_index',
      properties: ['company', 'member', 'occurredAt'],
      include: includeColumns('content_item_id', 'kind'),
      where: 'content_item_id is not null',
    },
  ],
  uniques: [
    {
      name: 'activity_events_dedupe_unique',
      properties: ['company', 'source', 'externalId', 'occurredAt'],
      where: 'external_id is not null',
    },
  ],
});
