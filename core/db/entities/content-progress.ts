// Each member's progress on each content item (core/content), rebuilt by the content rollup for the members
// it touches: the first interaction, the completion (a lesson's first lesson_complete; a course's when its
// last missing lesson was completed) and the latest interaction. Reports find a period's starters here.
import { defineEntity, p } from '@mikro-orm/core';
import { ContentItem } from './content-items.ts';
import { Member } from './members.ts';
import { companyKeyImplied, includeColumns, sameCompany, targetKey } from './tenant.ts';

export const ContentProgress = defineEntity({
  name: 'ContentProgress',
  tableName: 'content_progress',
  properties: {
    company: companyKeyImplied(),
    member: p
      .manyToOne(Member)
      .ref()
      .primary()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    contentItem: p
      .manyToOne(ContentItem)
      .ref()
      .primary()
      .joinColumns(...sameCompany('content_item_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    startedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
    lastAt: p.datetime(),
  },
  indexes: [
    { properties: ['company', 'startedAt'], include: includeColumns('member_id', 'content_item_id', 'completed_at') },
  ],
});
