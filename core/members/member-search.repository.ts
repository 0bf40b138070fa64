// Members looked up as a creator types (the `/report link member:` option), scoped by company: by name,
// username or Whop user id. Member-level data: callers show it only to people with admin rights.
import type { Queryable } from '../db/queryable.ts';

export interface MemberRef {
  id: number;
  name: string | null;
  username: string | null;
  whopUserId: string;
}

const likePattern = (typed: string) => `%${typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Up to `limit` members whose name, username or Whop user id contains `typed` (case-insensitive), best match first. */
export async function searchMembers(db: Queryable, companyId: number, typed: string, limit = 25): Promise<MemberRef[]> {
  const res = await db.query<{ id: string; name: string | null; username: string | null; whop_user_id: string }>(
    `select id, name, username, whop_user_id from members
     where company_id = $1 and (name ilike $2 or username ilike $2 or whop_user_id ilike $2)
     order by (lower(coalesce(username, '')) = lower($3) or lower(coalesce(name, '')) = lower($3) or whop_user_id = $3) desc,
              length(coalesce(name, username, whop_user_id)), id
     limit $4`,
    [companyId, likePattern(typed), typed.trim(), limit],
  );
  return res.rows.map((r) => ({ id: Number(r.id), name: r.name, username: r.username, whopUserId: r.whop_user_id }));
}

/** One member of this company by Pulse id, or null (an id from another company is not found). */
export async function memberOf(db: Queryable, companyId: number, id: number): Promise<MemberRef | null> {
  const res = await db.query<{ id: string; name: string | null; username: string | null; whop_user_id: string }>(
    'select id, name, username, whop_user_id from members where company_id = $1 and id = $2',
    [companyId, id],
  );
  const r = res.rows[0];
  return r ? { id: Number(r.id), name: r.name, username: r.username, whopUserId: r.whop_user_id } : null;
}
