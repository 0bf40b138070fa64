// The content rollups for a range of company days. content_daily: per content item and day, views
// (interactions), unique viewers (distinct members) and completions. A lesson's interactions also count for
// its course. A lesson is completed by a lesson_complete interaction; a course on the day its member
// completed the last of its lessons still missing (every lesson completed, dated at the latest of those
// completions, as content_progress has it). content_progress (content-progress-sql.ts): each member's start
// and completion per item, brought up to date first.
// Set-based and idempotent like the engagement rollup: per chunk of days, in one transaction, INSERT ...
// SELECT ... ON CONFLICT DO UPDATE statements that delete the rows the recomputation no longer produces.
import type { Queryable } from '../db/queryable.ts';
import { rollupInChunks, type RollupCounts } from '../engagement/rollup-chunks.ts';
import { NotFound } from '../errors.ts';
import { parseDay } from '../period.ts';
import { inTransaction } from '../db/transaction.ts';
import { contentProgressSql } from './content-progress-sql.ts';

const chunkDays = 31;
const lockClass = 73_178_422;

const rollupSql = `
with bounds as (
  select ($2::date::timestamp at time zone $4) as lo, (($3::date + 1)::timestamp at time zone $4) as hi
), lessons as (
  select id, parent_id as course_id from content_items where company_id = $1 and kind = 'lesson' and parent_id is not null
), ev as (
  select e.member_id, e.content_item_id, e.kind, (e.occurred_at at time zone $4)::date as day
  from activity_events e, bounds b
  where e.company_id = $1 and e.content_item_id is not null and e.occurred_at >= b.lo and e.occurred_at < b.hi
), per_item as (
  select content_item_id as item_id, member_id, kind, day from ev
  union all
  select l.course_id, ev.member_id, ev.kind, ev.day from ev join lessons l on l.id = ev.content_item_id
), seen as (
  select item_id, day, count(*)::int as views, count(distinct member_id)::int as unique_viewers,
         count(distinct member_id) filter (where kind = 'lesson_complete')::int as lesson_completions
  from per_item group by 1, 2
), course_completions as (
  -- content_progress is brought up to date first for every member active in the range (a course completed
  -- in the range had its last lesson completed there)
  select p.content_item_id as item_id, (p.completed_at at time zone $4)::date as day, count(*)::int as completions
  from content_progress p join content_items ci on ci.id = p.content_item_id and ci.company_id = $1 and ci.kind = 'course', bounds b
  where p.company_id = $1 and p.completed_at >= b.lo and p.completed_at < b.hi
  group by 1, 2
), computed as (
  select ci.id as item_id, coalesce(s.day, d.day) as day, coalesce(s.views, 0) as views,
         coalesce(s.unique_viewers, 0) as unique_viewers,
         case when ci.kind = 'course' then coalesce(d.completions, 0) else coalesce(s.lesson_completions, 0) end as completions
  from seen s
  full join course_completions d on d.item_id = s.item_id and d.day = s.day
  join content_items ci on ci.id = coalesce(s.item_id, d.item_id) and ci.company_id = $1
), upserted as (
  insert into content_daily (company_id, content_item_id, day, views, unique_viewers, completions)
  select $1, item_id, day, views, unique_viewers, completions from computed
  on conflict (company_id, content_item_id, day) do update
    set views = excluded.views, unique_viewers = excluded.unique_viewers, completions = excluded.completions
    where (content_daily.views, content_daily.unique_viewers, content_daily.completions)
          is distinct from (excluded.views, excluded.unique_viewers, excluded.completions)
  returning 1
), removed as (
  delete from content_daily x
  where x.company_id = $1 and x.day between $2::date and $3::date
    and not exists (select 1 from computed c where c.item_id = x.content_item_id and c.day = x.day)
  returning 1
)
select (select count(*) from computed)::int as rows, (select count(*) from upserted)::int as written,
       (select count(*) from removed)::int as removed`;

/** (Re)compute the content rollups for the company's days fromDay..toDay (both included); counts are content_daily's. */
export async function rollupContent(
  conn: Queryable,
  companyId: number,
  fromDay: string,
  toDay: string,
): Promise<RollupCounts> {
  parseDay(fromDay, 'fromDay');
  parseDay(toDay, 'toDay');
  const company = (
    await conn.query<{ time_zone: string }>('select time_zone from companies where id = $1', [companyId])
  ).rows[0];
  if (!company) throw new NotFound(`no company ${companyId}`);
  return rollupInChunks(fromDay, toDay, chunkDays, (from, to) =>
    inTransaction(conn, async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, ($2::bigint % 2147483647)::int)', [lockClass, companyId]);
      await tx.query(`set local work_mem = '64MB'`);
      await tx.query(contentProgressSql, [companyId, from, to, company.time_zone]);
      const daily = await tx.query<{ rows: number; written: number; removed: number }>(rollupSql, [
        companyId,
        from,
        to,
        company.time_zone,
      ]);
      return daily.rows[0]!;
    }),
  );
}
