// SQL of the engagement_daily rollup for the days $2..$3 (company $1, zone $4), one set-based statement for the
// whole range. Events of the 29 days before $2 are read too, for the trailing windows. Per member, the active
// days (one row each, with the day's facts) plus, after each active day, the quiet days up to the next active
// day but at most 29 days on and only from $2 on (every day whose score can be above 0 and that is written).
// Each row's last active day (and its last activity) is the active day it was generated from; messages and
// active days in the last 7 days and progress in the last 30 are RANGE frames over the days, so the quiet days
// before $2 need no rows. The result is compared with the rows already there (one hash join) and only the
// difference is written: new rows inserted (plainly: the rollup's per-company lock makes it the only writer, so
// they cannot conflict, and a plain insert skips the upsert's extra key probe per row), changed rows upserted, rows
// the events no longer support deleted. New rows go in day by day, in the primary key's order (company, day,
// member): the index grows at its end instead of taking inserts all over, and a day's rows, which the report's
// member lists read, sit in one run of pages. The score is computed in float8 (a quarter of the statement's time
// in numeric) and rounded half up on the exact decimal value: a float8 result within 1e-9 of a half (2,623 of
// the 2,774,181 rows at 100,000 members, 1,117 of which float8's round-half-to-even would have put on the other
// side) is recomputed in numeric; anywhere else the float8 error (~1e-13) cannot change the rounding (the nearest
// other result there was 9.5e-8 from a half).
// Parameters: $5 message kinds, $6 progress kinds, $7..$10 weights (messages, visits, progress, recency), $11..$14
// caps (messages, visits, progress, recency days), $15 slices and $16 this slice: only members with
// member_id % $15 = $16, read and written (engagement-rollup.ts runs the slices side by side; one slice is $15 = 1,
// $16 = 0: every member).
export const engagementRowsSql = `
with bounds as (
  select (($2::date - 29)::timestamp at time zone $4) as lo, (($3::date + 1)::timestamp at time zone $4) as hi
), active_days as (
  select e.member_id, (e.occurred_at at time zone $4)::date as day,
         count(*) filter (where e.kind = any($5::text[]))::int as messages,
         coalesce(sum(e.value::float8) filter (where e.kind = any($6::text[])), 0) as progress,
         max(e.occurred_at) as last_at,
         lead((e.occurred_at at time zone $4)::date) over (partition by e.member_id order by (e.occurred_at at time zone $4)::date) as next_day
  from activity_events e, bounds b
  where e.company_id = $1 and e.member_id is not null and e.member_id % $15::int = $16::int
    and e.occurred_at >= b.lo and e.occurred_at < b.hi
  group by 1, 2
), days as (
  select a.member_id, f.day, f.day = a.day as active,
         case when f.day = a.day then a.messages else 0 end as messages,
         case when f.day = a.day then a.progress else 0 end as progress,
         a.day as last_day, a.last_at
  from active_days a
  cross join lateral (
    select a.day
    union all
    select g::date from generate_series(greatest(a.day + 1, $2::date), least(coalesce(a.next_day - 1, $3::date), a.day + 29, $3::date), interval '1 day') g
  ) f(day)
), windows as (
  select member_id, day, messages, active, progress as progress_points, last_day, last_at,
         sum(messages) over w7 as messages7, sum(active::int) over w7 as visits7, sum(progress) over w30 as progress30
  from days
  window w7 as (partition by member_id order by day range between interval '6 days' preceding and current row),
         w30 as (partition by member_id order by day range between interval '29 days' preceding and current row)
), scored as (
  select *, 100 * ($7::float8 * least(messages7 / $11::float8, 1)
                 + $8::float8 * least(visits7 / $12::float8, 1)
                 + $9::float8 * least(greatest(progress30, 0) / $13::float8, 1)
                 + $10::float8 * greatest(0, 1 - (day - last_day) / $14::float8)) as raw
  from windows
  where day >= $2::date
), computed as (
  select member_id, day, messages, active, progress_points::real as progress_points, last_at,
         case when abs(raw - floor(raw) - 0.5) < 1e-9
              then round(100 * ($7::numeric * least(messages7 / $11::numeric, 1)
                              + $8::numeric * least(visits7 / $12::numeric, 1)
                              + $9::numeric * least(greatest(progress30, 0)::numeric / $13::numeric, 1)
                              + $10::numeric * greatest(0, 1 - (day - last_day) / $14::numeric)))
              else round(raw) end::smallint as score
  from scored
), existing as (
  select member_id, day, messages, active, progress_points, score, last_activity_at
  from engagement_daily
  where company_id = $1 and day between $2::date and $3::date and member_id % $15::int = $16::int
), changes as (
  select coalesce(c.member_id, x.member_id) as member_id, coalesce(c.day, x.day) as day, c.member_id is null as gone,
         x.member_id is null as fresh, c.messages, c.active, c.progress_points, c.score, c.last_at
  from computed c
  full join existing x on x.member_id = c.member_id and x.day = c.day
  where c.member_id is null or x.member_id is null
     or (x.messages, x.active, x.progress_points, x.score, x.last_activity_at) is distinct from (c.messages, c.active, c.progress_points, c.score, c.last_at)
), inserted as (
  insert into engagement_daily (company_id, member_id, day, messages, active, progress_points, score, last_activity_at)
  select $1, member_id, day, messages, active, progress_points, score, last_at from changes where fresh
  order by day, member_id
  returning 1
), updated as (
  insert into engagement_daily (company_id, member_id, day, messages, active, progress_points, score, last_activity_at)
  select $1, member_id, day, messages, active, progress_points, score, last_at from changes where not gone and not fresh
  on conflict (company_id, member_id, day) do update
    set messages = excluded.messages, active = excluded.active, progress_points = excluded.progress_points,
        score = excluded.score, last_activity_at = excluded.last_activity_at
  returning 1
), removed as (
  delete from engagement_daily x using changes c
  where c.gone and x.company_id = $1 and x.member_id = c.member_id and x.day = c.day
  returning 1
)
select (select count(*) from computed)::int as rows, ((select count(*) from inserted) + (select count(*) from updated))::int as written,
       (select count(*) from removed)::int as removed`;
