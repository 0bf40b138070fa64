// One set-based statement computing every counted member's features at each snapshot (and, for snapshots
// at least 30 days before asOf, the churn label). Snapshots are `asOf - off days` for off in $3, so day
// windows line up: an event's day bucket b counts whole days back from asOf ([asOf - 1 d, asOf) is 0), and
// relative to a snapshot it is r = b - off days back. Only rows strictly before a snapshot feed it.
//
// $1 company id, $2 asOf, $3 snapshot offsets (int[], days before asOf), $4 score weights and caps
// [messages, visits, progress, recency, cap messages, cap visits, cap progress, cap recency days],
// $5 look-back days for activity windows, $6 message kinds, $7 progress kinds, $8 and $9 the span of
// events the snapshots read (oldest snapshot - look-back, newest snapshot).
//
// counted: a membership on a paid recurring plan, started, access not ended, and its first charge paid
// (a trial counts once its first paid period starts; docs/metrics.md#mrr). One row per member: the latest such.
// churned: counted at the snapshot, not counted 30 days later (the last counted membership ended within
// those 30 days).
//
// Shape: every source is joined only to the handful of snapshot rows (a loop over snapshots is the right
// plan whatever the estimates), aggregated per snapshot and member, and the pieces are stacked with UNION
// ALL and folded by one GROUP BY: no join between two large derived tables, so no plan can go quadratic.
import { foldFacts } from './fact-union.ts';

const w = (i: number) => `($4::float8[])[${i}]::numeric`;
/** The engagement score (docs/metrics.md#engagement-score), rounded half up on the decimal value like the engagement rollup. */
const score = (m: string, v: string, p: string, r: string) => `case when ${r} is null then 0 else round(100 * (
    ${w(1)} * least(coalesce(${m}, 0)::numeric / ${w(5)}, 1) + ${w(2)} * least(coalesce(${v}, 0)::numeric / ${w(6)}, 1)
  + ${w(3)} * least(greatest(coalesce(${p}, 0), 0)::numeric / ${w(7)}, 1) + ${w(4)} * greatest(0, 1 - ${r}::numeric / ${w(8)})))::float8 end`;

const facts = foldFacts([
  {
    from: 'from primary_sub',
    values: {
      is_counted: 'true',
      membership_id: 'membership_id',
      whop_id: 'whop_id',
      started_at: 'started_at',
      canceled_at: 'canceled_at',
      paid_at: 'paid_at',
      period_days: 'period_days',
      months: 'months',
      mrr_minor: 'mrr_minor',
      downgrades: 'downgrades',
      past_due: 'past_due',
    },
  },
  {
    from: 'from mship where counted and off + 30 = any($3::int[])',
    off: 'off + 30',
    values: { later_counted: 'true' },
  },
  {
    from: 'from act',
    values: Object.fromEntries(
      [
        'last_r',
        'first_r_back',
        'active_back',
        'e7',
        'e21',
        'msgs28',
        'active_30',
        'msgs7',
        'visits7',
        'progress30',
        'msgs7_then',
        'visits7_then',
        'progress30_then',
        'last_r_then',
      ].map((c) => [c, c]),
    ),
  },
  { from: 'from course', values: { course_progress: 'progress' } },
  { from: 'from member_payments', values: { refunds: 'refunds', failed_60: 'failed_60' } },
  { from: 'from comebacks', values: { reactivations: 'reactivations' } },
]);

export const snapshotFeaturesSql = `
with feat_snaps as (
  select o as off, $2::timestamptz - make_interval(days => o) as at from unnest($3::int[]) as o
), all_snaps as (
  select off, at from feat_snaps union select off - 30, at + interval '30 days' from feat_snaps where off >= 30
), plan_value as (
  select id as plan_id, billing_period_days as period_days, renewal_price_minor::float8 as price,
         (case when billing_period_days between 28 and 31 then 1 when billing_period_days between 89 and 92 then 3
               when billing_period_days between 180 and 184 then 6 when billing_period_days between 360 and 366 then 12
               else billing_period_days / (365.0 / 12) end)::float8 as months
  from plans where company_id = $1 and plan_type = 'renewal' and not is_free and billing_period_days > 0
), subs as (
  select m.id, m.member_id, m.whop_id, m.started_at, m.canceled_at,
         coalesce(m.ended_at, case when m.status in ('canceled', 'expired', 'completed')
                                   then coalesce(m.renewal_period_end, m.canceled_at, m.whop_updated_at, m.started_at) end) as access_end
  from memberships m join plan_value pv on pv.plan_id = m.plan_id where m.company_id = $1
), paid as (
  select q.*, sum(case when q.mrr_minor < q.prev_mrr then 1 else 0 end) over (partition by q.membership_id order by q.paid_at, q.id) as downgrades
  from (select p.id, p.membership_id, p.paid_at, pv.period_days, pv.months, pv.price / pv.months as mrr_minor,
               lead(p.paid_at) over w as next_paid_at, lag(pv.price / pv.months) over w as prev_mrr
        from payments p join plan_value pv on pv.plan_id = p.plan_id
        where p.company_id = $1 and p.paid_at is not null and p.membership_id is not null
        window w as (partition by p.membership_id order by p.paid_at, p.id)) q
), failed as (
  select membership_id, member_id, paid_at, least(failed_at, whop_created_at) as known_at from payments
  where company_id = $1 and failed_at is not null
), membership_facts as (
  select a.off, s.member_id, s.id as membership_id, true as in_range, s.whop_id, s.started_at, s.canceled_at,
         null::timestamptz as paid_at, null::int as period_days, null::float8 as months, null::float8 as mrr_minor, null::float8 as downgrades, null::boolean as past_due
  from all_snaps a join subs s on s.started_at <= a.at and (s.access_end is null or s.access_end > a.at)
  union all
  select a.off, null, p.membership_id, false, null, null, null, p.paid_at, p.period_days, p.months, p.mrr_minor, p.downgrades, null
  from all_snaps a join paid p on p.paid_at <= a.at and (p.next_paid_at is null or p.next_paid_at > a.at)
  union all
  select a.off, null, f.membership_id, false, null, null, null, null, null, null, null, null, true
  from all_snaps a join failed f on f.known_at < a.at and (f.paid_at is null or f.paid_at > a.at)
), mship as (
  select off, membership_id, max(member_id) as member_id, bool_or(in_range) and bool_or(paid_at is not null) as counted,
         max(whop_id) as whop_id, max(started_at) as started_at, max(canceled_at) as canceled_at, max(paid_at) as paid_at,
         max(period_days) as period_days, max(months) as months, max(mrr_minor) as mrr_minor, max(downgrades) as downgrades,
         coalesce(bool_or(past_due), false) as past_due
  from membership_facts group by off, membership_id
), primary_sub as (
  select distinct on (off, member_id) * from mship where counted and off = any($3::int[])
  order by off, member_id, started_at desc, membership_id desc
), act as (
  -- per counted member: their events of the look-back span by day bucket (one index range scan on
  -- (company_id, member_id, occurred_at), whatever the table's physical order), folded per snapshot
  select u.member_id, x.*
  from (select distinct member_id from primary_sub) u
  cross join lateral (
    select s.off, min(d.b - s.off) as last_r, max(d.b - s.off) filter (where d.b - s.off < $5) as first_r_back,
           count(*)::float8 as active_back,
           sum(d.events) filter (where d.b - s.off < 7) as e7, sum(d.events) filter (where d.b - s.off between 7 and 27) as e21,
           sum(d.messages) filter (where d.b - s.off < 28) as msgs28, (count(*) filter (where d.b - s.off < 30))::float8 as active_30,
           sum(d.messages) filter (where d.b - s.off < 7) as msgs7, (count(*) filter (where d.b - s.off < 7))::float8 as visits7,
           sum(d.progress) filter (where d.b - s.off < 30) as progress30,
           sum(d.messages) filter (where d.b - s.off between 14 and 20) as msgs7_then,
           (count(*) filter (where d.b - s.off between 14 and 20))::float8 as visits7_then,
           sum(d.progress) filter (where d.b - s.off between 14 and 43) as progress30_then,
           min(d.b - s.off) filter (where d.b - s.off >= 14) - 14 as last_r_then
    from (select ceil(date_part('epoch', $2::timestamptz - e.occurred_at) / 86400)::int - 1 as b,
                 count(*)::float8 as events, (count(*) filter (where e.kind = any($6::text[])))::float8 as messages,
                 coalesce(sum(e.value) filter (where e.kind = any($7::text[])), 0)::float8 as progress
          from activity_events e
          where e.company_id = $1 and e.member_id = u.member_id and e.occurred_at >= $8::timestamptz and e.occurred_at < $9::timestamptz
          group by 1) d
    join feat_snaps s on d.b >= s.off and d.b < s.off + $5
    group by s.off) x
), course as (
  select s.off, e.member_id, sum(e.value)::float8 as progress
  from feat_snaps s join activity_events e on e.company_id = $1 and e.member_id is not null and e.kind = any($7::text[])
    and e.value is not null and e.occurred_at < $9::timestamptz and e.occurred_at < s.at
  group by 1, 2
), member_payments as (
  select s.off, p.member_id, (count(*) filter (where p.refunded_at < s.at))::float8 as refunds,
         (count(*) filter (where p.known_at >= s.at - interval '60 days' and p.known_at < s.at))::float8 as failed_60
  from feat_snaps s join (select member_id, refunded_at, least(failed_at, whop_created_at) as known_at from payments
                          where company_id = $1 and member_id is not null and (refunded_at is not null or failed_at is not null)) p
    on p.refunded_at < s.at or p.known_at < s.at
  group by 1, 2
), comebacks as (
  select s.off, r.member_id, count(*)::float8 as reactivations
  from feat_snaps s join subs r on r.started_at < s.at
  where exists (select 1 from subs e where e.member_id = r.member_id and e.id <> r.id and e.access_end <= r.started_at)
  group by 1, 2
), folded as (${facts}
)
select f.off, f.member_id::float8 as member_id, f.membership_id::float8 as membership_id, m.whop_user_id, f.whop_id as membership_whop_id,
       case when f.off >= 30 then not coalesce(f.later_counted, false) end as churned,
       least(coalesce(f.last_r, $5), $5)::float8 as days_since_activity,
       ln((coalesce(f.e7, 0) + 1) / (coalesce(f.e21, 0) / 3.0 + 1)) as activity_trend,
       coalesce(f.msgs28, 0) / 4.0 as messages_per_week,
       coalesce(f.active_30, 0) as active_days_30,
       coalesce(f.course_progress, 0) as course_progress,
       coalesce(f.progress30, 0) as progress_30,
       ${score('f.msgs7', 'f.visits7', 'f.progress30', 'f.last_r')} as engagement_score,
       ${score('f.msgs7', 'f.visits7', 'f.progress30', 'f.last_r')} - ${score('f.msgs7_then', 'f.visits7_then', 'f.progress30_then', 'f.last_r_then')} as score_trend_14,
       extract(epoch from ($2::timestamptz - make_interval(days => f.off) - f.started_at))::float8 / 86400 as tenure_days,
       coalesce(f.mrr_minor, 0) / 100.0 as mrr,
       coalesce(f.months, 1) as billing_months,
       greatest(0, extract(epoch from (f.paid_at + make_interval(days => f.period_days) - ($2::timestamptz - make_interval(days => f.off))))::float8 / 86400) as days_to_renewal,
       coalesce(f.downgrades, 0) as downgrades,
       (f.canceled_at is not null and f.canceled_at < $2::timestamptz - make_interval(days => f.off)) as cancel_at_period_end,
       coalesce(f.past_due, false) as past_due,
       coalesce(f.failed_60, 0) as failed_payments_60,
       coalesce(f.refunds, 0) as refunds,
       coalesce(f.reactivations, 0) as reactivations,
       case when f.active_back >= 2 then (f.first_r_back - f.last_r)::float8 / (f.active_back - 1) end as usual_interval
from folded f join members m on m.id = f.member_id
order by f.off desc, f.member_id`;
