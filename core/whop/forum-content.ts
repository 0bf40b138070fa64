// Forum posts as content: each top-level post is a content item (kind 'post') carrying the engagement Whop
// reports for it — view_count, like_count, comment_count, lifetime totals as of the sync that read it — and each
// comment is an activity event of its author tied to that post (so the content rollup counts comments as the
// post's interactions by day). Written with the activity in one statement, the post before its comments.
import type { ForumPostListResponse } from '@whop/sdk/resources/forum-posts';
import { mapForumPost, parseWhopTime } from './map.ts';
import type { ActivityRow, ContentRow } from './rows.ts';
import { contentWrite } from './tables.ts';
import type { TableWrite } from './upsert.ts';

export interface PostContentRow extends ContentRow {
  viewCount: number | null;
  likeCount: number | null;
  commentCount: number | null;
  /** When these counts were read (the sync's time); stored only when something else changed. */
  seenAt: string;
}

/** Titles are bounded like every string from Whop; an untitled post is named by the start of its text. */
const TITLE_MAX = 200;

const count = (n: number | null | undefined) =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : null;

/** The content item of a top-level post; null for a comment (it is activity on its post). */
export function mapPostContent(
  p: Pick<
    ForumPostListResponse,
    'id' | 'title' | 'content' | 'created_at' | 'parent_id' | 'view_count' | 'like_count' | 'comment_count'
  >,
  seenAt: Date,
): PostContentRow | null {
  if (p.parent_id) return null;
  const title = (p.title?.trim() || p.content?.trim().split('\n')[0] || 'Untitled post').slice(0, TITLE_MAX);
  return {
    whopId: p.id,
    kind: 'post',
    parentWhopId: null,
    title,
    position: null,
    whopCreatedAt: parseWhopTime(p.created_at),
    viewCount: count(p.view_count),
    likeCount: count(p.like_count),
    commentCount: count(p.comment_count),
    seenAt: seenAt.toISOString(),
  };
}

/** A post or comment as activity; a comment points at its post. */
export function forumActivity(p: Parameters<typeof mapForumPost>[0] & { parent_id?: string | null }): ActivityRow {
  return { ...mapForumPost(p), contentWhopId: p.parent_id ?? null };
}

/** Columns whose change is a real update (parent_id comes from a lookup, always null for a post). */
const compared = [
  'kind',
  'title',
  'position',
  'whop_created_at',
  'whop_view_count',
  'whop_like_count',
  'whop_comment_count',
];

export const postContentWrite: TableWrite<PostContentRow> = {
  ...contentWrite,
  name: 'whop_upsert_post_content',
  inputs: [
    ...(contentWrite.inputs as TableWrite<PostContentRow>['inputs']),
    { name: 'whop_view_count', type: 'int', get: (r) => r.viewCount },
    { name: 'whop_like_count', type: 'int', get: (r) => r.likeCount },
    { name: 'whop_comment_count', type: 'int', get: (r) => r.commentCount },
    { name: 'engagement_seen_at', type: 'timestamptz', get: (r) => r.seenAt },
  ],
  columns: [...contentWrite.columns, 'whop_view_count', 'whop_like_count', 'whop_comment_count', 'engagement_seen_at'],
  // The read time alone changing is no change: a re-sync of unchanged posts writes nothing (counts stay as of the
  // sync that last saw them differ).
  onConflict: {
    set: compared
      .concat('engagement_seen_at')
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
    where: `(${compared.map((c) => `t.${c}`).join(', ')}) is distinct from (${compared.map((c) => `excluded.${c}`).join(', ')})`,
  },
};
