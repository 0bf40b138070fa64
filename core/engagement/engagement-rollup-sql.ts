// SQL of the engagement_daily rollup for the days $2..$3 (company $1, zone $4). Events of the 29 days before
// $2 are read too, for the trailing windows. Per member, a dense grid of days from their first active day
// to 29 days after their last (every day whose score can be above 0), the day's facts joined on, and the
// windows as ROWS frames over that grid: messages and active days in the last 7, progress and the last
// active day in the last 30. Parameters: $5 message kinds, $6 progress kinds, $7..$10 weights
// (messages, visits, progress, recency), $11..$14 caps (messages, visits, progress, recency days).
export const engagementRowsSql = `
with bounds as (
  select (($2::date - 29)::timestamp at time zone $4) as lo, (($3::date + 1)::timestamp at time zone $4) as hi
), daily as (
  select e.member_id, (e.occurred_at at time zone $4)::date as day,
         count(*) filter (where e.kind = any($5::text[]))::int as messages,
         coalesce(sum(e.value::float8) filter (where e.kind = any($6::text[])), 0) as progress,
         max(e.occurred_at) as last_at
  from activity_events e, bounds b
  where e.company_id = $1 and e.member_id is not null and e.occurred_at >= b.lo and e.occurred_at < b.hi
  group by 1, 2
), spans as (
  select member_id, min(day) as first_day, least(max(day) + 29, $3::date) as last_day from daily group by 1
), filled as (
  select s.member_id, g.day::date as day, d.day as active_day, coalesce(d.messages, 0) as messages,
         coalesce(d.progress, 0) as progress, d.last_at
  from spans s
  cross join generate_series(s.first_day, s.last_day, interval '1 day') g(day)
  left join daily d on d.member_id = s.member_id and d.day = g.day::date
), windows as (
  select member_id, day, messages, active_day is not null as active, progress as progress_points,
         sum(messages) over w7 as messages7, count(active_day) over w7 as visits7, sum(progress) over w30 as progress30,
         max(active_day) over w30 as last_day, max(last_at) over w30 as last_at
  from filled
  window w7 as (partition by member_id order by day rows between 6 preceding and current row),
         w30 as (partition by member_id order by day rows between 29 preceding and current row)
), computed as (
  select member_id, day, messages, active, progress_points, last_at,
         round(100 * ($7::numeric * least(messages7 / $11::numeric, 1)
                    + $8::numeric * least(visits7 / $12::numeric, 1)
                    + $9::numeric * least(greatest(progress30, 0)::numeric / $13::numeric, 1)
                    + $10::numeric * greatest(0, 1 - (day - last_day) / $14::numeric)))::smallint as score
  from windows
  where day >= $2::date and last_day is not null
), upserted as (
  insert into engagement_daily (company_id, member_id, day, messages, active, progress_points, score, last_activity_at)
  select $1, member_id, day, messages, active, progress_points, score, last_at from computed
  on conflict (company_id, member_id, day) do update
    set messages = excluded.messages, active = excluded.active, progress_points = excluded.progress_points,
        score = excluded.score, last_activity_at = excluded.last_activity_at
    where (engagement_daily.messages, engagement_daily.active, engagement_daily.progress_points, engagement_daily.score,
           engagement_daily.last_activity_at)
          is distinct from (excluded.messages, excluded.active, excluded.progress_points, excluded.score, excluded.last_activity_at)
  returning 1
), removed as (
  delete from engagement_daily x
  where x.company_id = $1 and x.day between $2::date and $3::date
    and not exists (select 1 from computed c where c.member_id = x.member_id and c.day = x.day)
  returning 1
)
select (select count(*) from computed)::int as rows, (select count(*) from upserted)::int as written,
       (select count(*) from removed)::int as removed`;
