// Content items looked up by title as a user types (the /content `item` option), scoped by company.
import type { Queryable } from '../db/queryable.ts';

export interface ContentItemRef {
  id: number;
  title: string;
  kind: string;
}

/** Up to `limit` items whose title contains `typed` (case-insensitive), shortest titles first. */
export async function searchContentItems(
  db: Queryable,
  companyId: number,
  typed: string,
  limit = 25,
): Promise<ContentItemRef[]> {
  const pattern = `%${typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const res = await db.query<{ id: string; title: string; kind: string }>(
    `select id, title, kind from content_items where company_id = $1 and title ilike $2
     order by length(title), title, id limit $3`,
    [companyId, pattern, limit],
  );
  return res.rows.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind }));
}

/** One item of this company, or null (an id from another company is not found). */
export async function contentItemOf(db: Queryable, companyId: number, id: number): Promise<ContentItemRef | null> {
  const res = await db.query<{ id: string; title: string; kind: string }>(
    'select id, title, kind from content_items where company_id = $1 and id = $2',
    [companyId, id],
  );
  const r = res.rows[0];
  return r ? { id: Number(r.id), title: r.title, kind: r.kind } : null;
}
