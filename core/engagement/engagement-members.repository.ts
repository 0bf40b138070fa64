// Member-level lists of the engagement report, among members with a counted membership at the period's end:
// top members by score that day, and fading members by the largest drop from the day before the period.
// One pass over the two days' engagement_daily rows (a day's rows are one range of its primary key (company_id, day,
// member_id)): a member without a row on either day scores 0 on both, so can be on neither list and is never looked at;
// the others are kept when the revenue rollup counts them at the end: a plain join with that day's spans (a day
// matches at most one span per member, so it keeps each member once, and the planner need not de-duplicate them).
import type { Queryable } from '../db/queryable.ts';
import { countedOn } from './counted-members-sql.ts';

export interface MemberLine {
  memberId: number;
  whopUserId: string;
  name: string | null;
  username: string | null;
  score: number;
  /** Score on the day before the period began. */
  startScore: number;
  lastActivityAt: Date | null;
}

export interface MemberLists {
  top: MemberLine[];
  fading: MemberLine[];
  /** Members who would qualify without the limit: any score at the end / any drop. */
  topTotal: number;
  fadingTotal: number;
}

export async function memberLists(
  conn: Queryable,
  companyId: number,
  endDay: string,
  startDay: string,
  limit: number,
): Promise<MemberLists> {
  const res = await conn.query<Record<string, unknown>>(
    `
    with ends as (
      select coalesce(e.member_id, s.member_id) as member_id, coalesce(e.score, 0) as score, coalesce(s.score, 0) as start_score,
             e.last_activity_at
      from (select member_id, score, last_activity_at from engagement_daily where company_id = $1 and day = $2::date) e
      full join (select member_id, score from engagement_daily where company_id = $1 and day = $3::date) s on s.member_id = e.member_id),
    states as materialized (
      select e.* from ends e join customer_mrr_spans s on s.member_id = e.member_id
      where (e.score > 0 or e.start_score > e.score) and ${countedOn('s', '$1', '$2::date')}),
    top as (select * from states where score > 0 order by score desc, last_activity_at desc nulls last, member_id limit $4),
    fading as (select * from states where start_score > score order by start_score - score desc, start_score desc, member_id limit $4),
    picked as (
      select 'top' as list, row_number() over (order by score desc, last_activity_at desc nulls last, member_id) as rank, * from top
      union all
      select 'fading', row_number() over (order by start_score - score desc, start_score desc, member_id), * from fading),
    totals as (
      select count(*) filter (where score > 0)::int as top_total, count(*) filter (where start_score > score)::int as fading_total
      from states)
    select p.list, p.member_id::int as member_id, m.whop_user_id, m.name, m.username, p.score, p.start_score, p.last_activity_at,
           t.top_total, t.fading_total
    from picked p join members m on m.id = p.member_id and m.company_id = $1 cross join totals t
    order by p.list, p.rank`,
    [companyId, endDay, startDay, limit],
  );
  const line = (r: Record<string, unknown>): MemberLine => ({
    memberId: r.member_id as number,
    whopUserId: r.whop_user_id as string,
    name: r.name as string | null,
    username: r.username as string | null,
    score: r.score as number,
    startScore: r.start_score as number,
    lastActivityAt: r.last_activity_at as Date | null,
  });
  const first = res.rows[0];
  return {
    top: res.rows.filter((r) => r.list === 'top').map(line),
    fading: res.rows.filter((r) => r.list === 'fading').map(line),
    topTotal: Number(first?.top_total ?? 0),
    fadingTotal: Number(first?.fading_total ?? 0),
  };
}
