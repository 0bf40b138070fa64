// The content items of a company (optionally of one kind) with their views and completions over a period,
// summed from the content_daily rollup.
import type { Queryable } from '../db/queryable.ts';

export interface ContentItemTotals {
  itemId: number;
  whopId: string;
  kind: 'course' | 'lesson' | 'post' | 'file';
  title: string;
  parentId: number | null;
  position: number | null;
  views: number;
  completions: number;
}

export async function contentItemTotals(
  conn: Queryable,
  companyId: number,
  from: string,
  to: string,
  kind: string | null,
): Promise<ContentItemTotals[]> {
  const res = await conn.query<Record<string, unknown>>(
    `
    select ci.id::int as item_id, ci.whop_id, ci.kind, ci.title, ci.parent_id::int as parent_id, ci.position,
           coalesce(sum(cd.views), 0)::int as views, coalesce(sum(cd.completions), 0)::int as completions
    from content_items ci
    left join content_daily cd on cd.company_id = $1 and cd.content_item_id = ci.id and cd.day >= $2::date and cd.day < $3::date
    where ci.company_id = $1 and ($4::text is null or ci.kind = $4)
    group by ci.company_id, ci.id`,
    [companyId, from, to, kind],
  );
  return res.rows.map((r) => ({
    itemId: r.item_id as number,
    whopId: r.whop_id as string,
    kind: r.kind as ContentItemTotals['kind'],
    title: r.title as string,
    parentId: r.parent_id as number | null,
    position: r.position as number | null,
    views: r.views as number,
    completions: r.completions as number,
  }));
}
