// SQL keeping content_progress for the members with a content interaction on the days $2..$3 (company $1,
// zone $4): each of their (member, item) pairs recomputed from their whole content history (one index probe
// per member), so ranges can be rolled up in any order and again with the same result.
//   lesson, post, file   started = first interaction, completed = first lesson_complete, last = latest
//   course               over its lessons: started = first, completed = the latest of the lessons' first
//                        completions once every lesson has one, last = latest
export const contentProgressSql = `
with bounds as (
  select ($2::date::timestamp at time zone $4) as lo, (($3::date + 1)::timestamp at time zone $4) as hi
), lessons as (
  select id, parent_id as course_id from content_items where company_id = $1 and kind = 'lesson' and parent_id is not null
), course_size as (
  select course_id, count(*) as lessons from lessons group by 1
), touched as materialized (
  select distinct e.member_id from activity_events e, bounds b
  where e.company_id = $1 and e.content_item_id is not null and e.member_id is not null and e.occurred_at >= b.lo and e.occurred_at < b.hi
), history as (
  select t.member_id, h.content_item_id, h.kind, h.occurred_at
  from touched t,
       lateral (select e.content_item_id, e.kind, e.occurred_at from activity_events e
                where e.company_id = $1 and e.member_id = t.member_id and e.content_item_id is not null offset 0) h
), item_pairs as (
  select member_id, content_item_id as item_id, min(occurred_at) as started_at,
         min(occurred_at) filter (where kind = 'lesson_complete') as completed_at, max(occurred_at) as last_at
  from history group by 1, 2
), course_pairs as (
  select p.member_id, l.course_id as item_id, min(p.started_at) as started_at,
         case when count(p.completed_at) = max(s.lessons) then max(p.completed_at) end as completed_at, max(p.last_at) as last_at
  from item_pairs p join lessons l on l.id = p.item_id join course_size s on s.course_id = l.course_id
  group by 1, 2
), computed as (
  select * from item_pairs union all select * from course_pairs
), upserted as (
  insert into content_progress (company_id, member_id, content_item_id, started_at, completed_at, last_at)
  select $1, member_id, item_id, started_at, completed_at, last_at from computed
  on conflict (company_id, member_id, content_item_id) do update
    set started_at = excluded.started_at, completed_at = excluded.completed_at, last_at = excluded.last_at
    where (content_progress.started_at, content_progress.completed_at, content_progress.last_at)
          is distinct from (excluded.started_at, excluded.completed_at, excluded.last_at)
  returning 1
)
delete from content_progress x
where x.company_id = $1 and x.member_id in (select member_id from touched)
  and not exists (select 1 from computed c where c.member_id = x.member_id and c.item_id = x.content_item_id)`;
