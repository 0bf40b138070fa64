// Whop's own engagement counts per content item (forum posts: view_count, like_count, comment_count, lifetime
// totals as of the last sync that read them), and which content types have any data at all (the types /content
// offers). Scoped by company.
import type { Queryable } from '../db/queryable.ts';
import { contentTypes, type WhopEngagement } from './content-report.ts';

export async function whopEngagement(conn: Queryable, companyId: number): Promise<Map<number, WhopEngagement>> {
  const { rows } = await conn.query<{ id: string; v: number | null; l: number | null; c: number | null; seen: Date }>(
    `select id, whop_view_count as v, whop_like_count as l, whop_comment_count as c, engagement_seen_at as seen
     from content_items where company_id = $1 and engagement_seen_at is not null`,
    [companyId],
  );
  return new Map(rows.map((r) => [Number(r.id), { views: r.v, likes: r.l, comments: r.c, seenAt: r.seen }]));
}

/**
 * Content types with data: an item of that kind with an interaction on any day, or Whop engagement above zero.
 * In contentTypes order.
 */
export async function contentTypesWithData(conn: Queryable, companyId: number): Promise<string[]> {
  const { rows } = await conn.query<{ kind: string }>(
    `select distinct ci.kind from content_items ci
     where ci.company_id = $1 and (
       coalesce(ci.whop_view_count, 0) + coalesce(ci.whop_like_count, 0) + coalesce(ci.whop_comment_count, 0) > 0
       or exists (select 1 from content_daily cd where cd.company_id = $1 and cd.content_item_id = ci.id and cd.views > 0))`,
    [companyId],
  );
  const order: readonly string[] = contentTypes;
  return rows.map((r) => r.kind).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
