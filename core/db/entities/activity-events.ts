// activity_events: append-only engagement facts from Whop, Discord and Slack.
// (company_id, source, external_id) is unique where external_id is set, so ingestion is idempotent.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { ContentItem } from './content-items.ts';
import { Member } from './members.ts';
import { companyRef } from './tenant.ts';

export const activityKinds = ['message', 'visit', 'lesson_view', 'lesson_complete', 'forum_post', 'reaction'] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activitySources = ['whop', 'discord', 'slack'] as const;
export type ActivitySource = (typeof activitySources)[number];

export const ActivityEvent = defineEntity({
  name: 'ActivityEvent',
  tableName: 'activity_events',
  properties: {
    id: serialId(),
    company: companyRef(),
    /** Null until the author is mapped to a member. */
    member: p.manyToOne(Member).ref().nullable().deleteRule('set null'),
    kind: p.enum(activityKinds),
    source: p.enum(activitySources),
    occurredAt: p.datetime(),
    contentItem: p.manyToOne(ContentItem).ref().nullable().deleteRule('set null'),
    /** e.g. course progress points. */
    value: p.float().nullable(),
    externalId: p.text().nullable(),
  },
  indexes: [
    { properties: ['company', 'occurredAt'] },
    { properties: ['company', 'member', 'occurredAt'] },
    // Content interactions only (a few % of events), covering what core/content reads: by time, and by member.
    { name: 'activity_events_content_by_time_index', properties: ['company', 'occurredAt'], include: ['member', 'contentItem', 'kind'], where: 'content_item_id is not null' },
    { name: 'activity_events_content_by_member_index', properties: ['company', 'member', 'occurredAt'], include: ['contentItem', 'kind'], where: 'content_item_id is not null' },
  ],
  uniques: [
    {
      name: 'activity_events_company_id_source_external_id_unique',
      properties: ['company', 'source', 'externalId'],
      where: 'external_id is not null',
    },
  ],
});
export type IActivityEvent = InferEntity<typeof ActivityEvent>;
