// Activity lists, walked per parent because Whop filters them by no company and no date: lesson interactions
// per course, messages per chat channel, forum posts (and their comments) per forum; top-level posts are also
// content items with the engagement Whop reports (forum-content.ts). They are append-only, so
// an incremental run continues after the cursor where the last one ended; a full run re-walks them.
import type { CourseLessonInteractionListItem } from '@whop/sdk/resources/shared';
import type { ForumPostListResponse } from '@whop/sdk/resources/forum-posts';
import type { MessageListResponse } from '@whop/sdk/resources/messages';
import type { WhopApi } from './client.ts';
import { rows, type Queryable } from '../db/queryable.ts';
import { forumActivity, mapPostContent, postContentWrite } from './forum-content.ts';
import { mapLessonInteraction, mapMessage } from './map.ts';
import { addCounts } from './rows.ts';
import { listAll, PAGE_SIZE, type CompanyScope } from './sync-resources.ts';
import type { ListPage, ListTask } from './sync-task.ts';
import { activityWrite } from './tables.ts';
import { part, upsert, upsertMany } from './upsert.ts';

const asPage = <T>(p: ListPage<T>): ListPage<T> => ({ data: p.data, page_info: p.page_info });

/** Lessons of a course as stored (content_items), for a completion's progress points. */
export async function lessonsInCourse(
  db: Queryable,
  companyId: number,
  courseWhopId: string,
): Promise<number | undefined> {
  const [r] = await rows<{ n: number }>(db, {
    name: 'whop_lessons_in_course',
    text: `select count(l.id)::int as n from content_items c join content_items l on l.company_id = c.company_id and l.parent_id = c.id and l.kind = 'lesson'
      where c.company_id = $1 and c.whop_id = $2`,
    values: [companyId, courseWhopId],
  });
  return r && r.n > 0 ? r.n : undefined;
}

export function interactionsTask(s: CompanyScope, courseId: string): ListTask<CourseLessonInteractionListItem> {
  return {
    resource: `lesson_interactions:${courseId}`,
    table: activityWrite.table,
    operation: '/course_lesson_interactions',
    tail: true,
    fetch: (api, q, signal) =>
      api.call(
        '/course_lesson_interactions',
        async (w) =>
          asPage(
            await w.courseLessonInteractions.list(
              { course_id: courseId, first: PAGE_SIZE, after: q.after },
              { signal },
            ),
          ),
        signal,
      ),
    write: async (tx, items) => {
      const n = items.length ? await lessonsInCourse(tx, s.companyId, courseId) : undefined;
      return upsert(
        tx,
        activityWrite,
        s.companyId,
        items.map((i) => mapLessonInteraction(i, n)),
      );
    },
  };
}

export function messagesTask(s: CompanyScope, channelId: string): ListTask<MessageListResponse> {
  return {
    resource: `messages:${channelId}`,
    table: activityWrite.table,
    operation: '/messages',
    tail: true,
    fetch: (api, q, signal) =>
      api.call(
        '/messages',
        async (w) =>
          asPage(
            await w.messages.list(
              { channel_id: channelId, first: PAGE_SIZE, after: q.after, direction: 'asc' },
              { signal },
            ),
          ),
        signal,
      ),
    write: (tx, items) => upsert(tx, activityWrite, s.companyId, items.map(mapMessage)),
  };
}

/** A page of top-level posts, then every comment of those that have any (fetched before the page is written). */
async function postsWithComments(
  api: WhopApi,
  experienceId: string,
  after: string | undefined,
  signal?: AbortSignal,
): Promise<ListPage<ForumPostListResponse>> {
  const page = await api.call(
    '/forum_posts',
    async (w) => asPage(await w.forumPosts.list({ experience_id: experienceId, first: PAGE_SIZE, after }, { signal })),
    signal,
  );
  const comments: ForumPostListResponse[] = [];
  for (const post of page.data) {
    if (!(post.comment_count > 0)) continue;
    comments.push(
      ...(await listAll<ForumPostListResponse>(
        api,
        '/forum_posts',
        async (a) =>
          asPage(
            await api.sdk.forumPosts.list(
              { experience_id: experienceId, parent_id: post.id, first: PAGE_SIZE, after: a },
              { signal },
            ),
          ),
        signal,
      )),
    );
  }
  return { data: [...page.data, ...comments], page_info: page.page_info };
}

/** Top-level posts become content items with Whop's engagement counts (forum-content.ts); every post and comment is activity. */
export function forumPostsTask(s: CompanyScope, experienceId: string): ListTask<ForumPostListResponse> {
  return {
    resource: `forum_posts:${experienceId}`,
    table: activityWrite.table,
    operation: '/forum_posts',
    tail: true,
    fetch: (api, q, signal) => postsWithComments(api, experienceId, q.after, signal),
    write: async (tx, items) => {
      const seenAt = new Date();
      const posts = items.map((p) => mapPostContent(p, seenAt)).filter((p) => p !== null);
      const [content, activity] = await upsertMany(tx, s.companyId, [
        part(postContentWrite, posts),
        part(activityWrite, items.map(forumActivity)),
      ]);
      return addCounts(activity!, content!);
    },
  };
}
