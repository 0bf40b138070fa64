// content_items: courses, lessons, posts and files; a lesson's parent is its course.
import { defineEntity, p } from '@mikro-orm/core';
import { serialId } from './columns.ts';
import { companyKey, sameCompany, setNull, targetKey } from './tenant.ts';

export const contentKinds = ['course', 'lesson', 'post', 'file'] as const;
export type ContentKind = (typeof contentKinds)[number];

export const ContentItem = defineEntity({
  name: 'ContentItem',
  tableName: 'content_items',
  properties: {
    company: companyKey(),
    id: serialId(),
    whopId: p.text(),
    kind: p.enum(contentKinds),
    parent: () =>
      p
        .manyToOne(ContentItem)
        .ref()
        .nullable()
        .joinColumns(...sameCompany('parent_id'))
        .referencedColumnNames(...targetKey)
        .deleteRule(setNull('parent_id')),
    title: p.text(),
    /** Lesson order within its course. */
    position: p.integer().nullable(),
    whopCreatedAt: p.datetime().nullable(),
    /** Whop's own lifetime counts (forum posts: view_count, like_count, comment_count), as of the last sync that saw them change. */
    whopViewCount: p.integer().nullable(),
    whopLikeCount: p.integer().nullable(),
    whopCommentCount: p.integer().nullable(),
    engagementSeenAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['company', 'whopId'] }],
});
