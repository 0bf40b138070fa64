// The SQL that rebuilds a company's revenue rollup as of an instant ($1 company id, $2 as-of timestamptz).
// It follows docs/metrics.md#mrr (history comes from payments):
//   1. Every successful recurring payment in the company's currency is a service period [paid_at, paid_at +
//      billing period) worth its MRR contribution (mrr-contribution.ts). The value is the payment's amount
//      for renewals (recurring discounts included), the lower of amount and renewal price for a first payment
//      (a setup fee is not MRR), and the plan's renewal price for a mid-period plan change (a prorated charge
//      is not a month's price). One-time and free plans are not MRR; a $0 payment is a period worth 0.
//      Renewals are charged when the period ends and land seconds to minutes later: a next payment within
//      24 hours of the period's end continues it without a gap.
//   2. A period ends early when the membership pays again (renewal or plan change supersede it), when the
//      payment is refunded in full (from the refund on), or when access ends (memberships.ended_at).
//   3. Past-due grace: when the renewal at the period's end fails, the subscription still counts while the
//      failure is under 30 days old; paid within 30 days it never left; access ended within the 30 days
//      (Whop expired or cancelled it), it counted past due until then and churned that day; otherwise it
//      churned when the paid period ended (the failed renewal).
//   4. Only facts at or before $2 are seen. A period still running at $2 is open.
// Days are calendar days in companies.time_zone: a subscription covering [s, e) counts on the days
// [day(s), day(e)), i.e. on each day whose end it is still there for. Durations are fixed 24-hour days.
// Each membership's MRR on each of its plans is kept as spans of days with constant MRR
// (membership_mrr_spans); each customer's MRR is their sum over memberships (customer_mrr_spans).
import { mrrContributionSql } from './mrr-contribution.ts';

const GRACE = `interval '720 hours'`;
const LATE_RENEWAL = `interval '24 hours'`;

/** The recurring value of a payment before normalisation to a month. */
const paymentValue = `case
  when p.billing_reason = 'subscription_update' then pl.renewal_price_minor
  when p.kind = 'initial' then least(p.amount_minor, pl.renewal_price_minor)
  else p.amount_minor end`;

const companyCte = `co as materialized (
  select id, time_zone as tz, currency, ($2::timestamptz at time zone time_zone)::date as as_of_day
  from companies where id = $1
)`;

/** Inserts the company's membership_mrr_spans (the caller has deleted the old ones): per membership and plan,
 * the MRR and past-due MRR counted on each day, in day order so that day-range reads touch few pages. */
export const insertMembershipSpansSql = `
with ${companyCte},
rp as materialized (
  select p.id as pay_id, p.membership_id as sub, ms.member_id as cust, pl.id as plan_id,
    case when p.paid_at <= $2 then p.paid_at end as paid_at,
    case when p.failed_at <= $2 then p.failed_at end as failed_at,
    ${mrrContributionSql(paymentValue, 'pl.billing_period_days')}::int as mrr,
    pl.billing_period_days as days,
    case when p.refunded_at <= $2 and p.refunded_amount_minor >= p.amount_minor then p.refunded_at end as refund_at,
    case when ms.ended_at <= $2 then ms.ended_at end as ended_at
  from payments p
  join co on p.currency = co.currency
  join memberships ms on ms.id = p.membership_id and ms.company_id = $1
  join plans pl on pl.id = coalesce(p.plan_id, ms.plan_id) and pl.company_id = $1
  where p.company_id = $1 and p.kind <> 'one_time'
    and pl.plan_type = 'renewal' and not pl.is_free and pl.billing_period_days > 0
    and (p.paid_at <= $2 or p.failed_at <= $2)
),
ev as (
  select pay_id, sub, cust, plan_id, mrr, days, paid_at as t, false as is_fail, refund_at, ended_at from rp where paid_at is not null
  union all
  select pay_id, sub, null, null, null, null, failed_at, true, null, null from rp where failed_at is not null
),
seq as (
  select *, lead(t) over w as next_t, lead(is_fail) over w as next_is_fail,
    min(t) filter (where not is_fail) over (w rows between 1 following and unbounded following) as next_s
  from ev window w as (partition by sub order by t, is_fail, pay_id)
),
succ as (
  select sub, plan_id, cust, mrr, t as s, t + days * interval '24 hours' as nat, next_s, refund_at, ended_at,
    case when next_is_fail then next_t end as fail_at
  from seq where not is_fail and mrr > 0
),
cov as materialized (
  select sub, plan_id, cust, mrr, s, nat, fail_at, case
    when least(nat, next_s, refund_at, ended_at) < nat then least(nat, next_s, refund_at, ended_at)
    when next_s <= nat + ${LATE_RENEWAL} then next_s
    when fail_at is null or fail_at > nat + ${GRACE} then nat
    when next_s is not null and next_s <= fail_at + ${GRACE} then next_s
    when ended_at < fail_at + ${GRACE} then ended_at
    when next_s is null and ended_at is null and $2 < fail_at + ${GRACE} then 'infinity'::timestamptz
    else nat end as e
  from succ
),
iv as (
  select sub, plan_id, cust, mrr, ds, de, case when gs < coalesce(de, 'infinity'::date) then gs end as gs
  from (
    select cov.sub, cov.plan_id, cov.cust, cov.mrr, (cov.s at time zone co.tz)::date as ds,
      case when cov.e > $2 then null else (cov.e at time zone co.tz)::date end as de,
      case when cov.e > cov.nat and cov.nat <= $2 and cov.fail_at is not null then (cov.nat at time zone co.tz)::date end as gs
    from cov cross join co
  ) x
  where de is null or de > ds
),
deltas as (
  select sub, plan_id, cust, day, sum(dm)::int as dm, sum(dp)::int as dp from (
    select sub, plan_id, cust, ds as day, mrr as dm, 0 as dp from iv
    union all select sub, plan_id, cust, de, -mrr, 0 from iv where de is not null
    union all select sub, plan_id, cust, gs, 0, mrr from iv where gs is not null
    union all select sub, plan_id, cust, de, 0, -mrr from iv where gs is not null and de is not null
  ) x group by sub, plan_id, cust, day
  having sum(dm) <> 0 or sum(dp) <> 0
),
st as (
  select sub, plan_id, cust, day, sum(dm) over w as mrr, sum(dp) over w as pd
  from deltas window w as (partition by sub, plan_id order by day)
),
sp as (
  select sub, plan_id, cust, day as from_day, lead(day) over w as to_day, mrr, pd
  from st window w as (partition by sub, plan_id order by day)
)
insert into membership_mrr_spans (company_id, membership_id, plan_id, member_id, from_day, to_day, mrr_minor, past_due_minor)
select $1, sub, plan_id, cust, from_day, to_day, mrr, pd from sp where mrr > 0
order by from_day`;

/** Inserts the company's customer_mrr_spans from its membership_mrr_spans (the caller has deleted the old
 * ones and inserted those): a customer's MRR and past-due MRR on a day are the sums over their memberships. */
export const insertCustomerSpansSql = `
with deltas as (
  select cust, day, sum(dm)::int as dm, sum(dp)::int as dp from (
    select member_id as cust, from_day as day, mrr_minor as dm, past_due_minor as dp from membership_mrr_spans where company_id = $1
    union all
    select member_id, to_day, -mrr_minor, -past_due_minor from membership_mrr_spans where company_id = $1 and to_day is not null
  ) x group by cust, day
  having sum(dm) <> 0 or sum(dp) <> 0
),
st as (
  select cust, day, sum(dm) over w as mrr, sum(dp) over w as pd
  from deltas window w as (partition by cust order by day)
),
sp0 as (
  select cust, day as from_day, lead(day) over w as to_day, mrr, pd,
    coalesce(lag(mrr) over w, 0) as prev_mrr, lead(mrr) over w as next_mrr, lag(day) over w is null as first_mrr,
    min(day) filter (where mrr = 0) over (partition by cust order by day rows between current row and unbounded following) as churn_day
  from st window w as (partition by cust order by day)
),
sp as (
  select *, max(from_day) filter (where prev_mrr = 0) over (partition by cust order by from_day rows unbounded preceding) as streak_from_day
  from sp0
)
insert into customer_mrr_spans (company_id, member_id, from_day, to_day, mrr_minor, past_due_minor, prev_mrr_minor,
  next_mrr_minor, streak_from_day, first_mrr, churn_day)
select $1, cust, from_day, to_day, mrr, pd, prev_mrr, next_mrr, streak_from_day, first_mrr, churn_day
from sp where mrr > 0
order by from_day`;

/**
 * Inserts revenue_daily for every day from the first with MRR or money through the as-of day (the caller
 * has deleted the old rows): MRR and customers at the day's end, the day's movements, and cash:
 * revenue_minor = payments collected minus refunds issued that day, refunds_minor = refunds issued.
 * MRR is the running sum of the movements, so MRR(end) = MRR(start) + net new MRR holds by construction.
 */
export const insertRevenueDailySql = `
with ${companyCte},
pay as (
  select (p.paid_at at time zone co.tz)::date as day, sum(p.amount_minor)::bigint as paid
  from payments p join co on p.currency = co.currency
  where p.company_id = $1 and p.paid_at <= $2 group by 1
),
ref as (
  select (r.whop_created_at at time zone co.tz)::date as day, sum(r.amount_minor)::bigint as refunded
  from refunds r join co on r.currency = co.currency
  where r.company_id = $1 and r.status = 'succeeded' and r.whop_created_at <= $2 group by 1
),
starts as (
  select from_day as day,
    coalesce(sum(mrr_minor) filter (where prev_mrr_minor = 0 and first_mrr), 0) as new_,
    coalesce(sum(mrr_minor) filter (where prev_mrr_minor = 0 and not first_mrr), 0) as react,
    coalesce(sum(mrr_minor - prev_mrr_minor) filter (where prev_mrr_minor > 0 and mrr_minor > prev_mrr_minor), 0) as exp,
    coalesce(sum(prev_mrr_minor - mrr_minor) filter (where prev_mrr_minor > 0 and mrr_minor < prev_mrr_minor), 0) as contr,
    count(*) filter (where prev_mrr_minor = 0) as joined
  from customer_mrr_spans where company_id = $1 group by from_day
),
ends as (
  select to_day as day, coalesce(sum(mrr_minor), 0) as churn, count(*) as left_
  from customer_mrr_spans where company_id = $1 and next_mrr_minor = 0 group by to_day
),
first_day as (
  select least((select min(day) from starts), (select min(day) from pay), (select min(day) from ref)) as day
),
days as (
  select generate_series(f.day, co.as_of_day, interval '1 day')::date as day
  from first_day f cross join co where f.day is not null
),
daily as (
  select d.day, coalesce(s.new_, 0) as new_, coalesce(s.react, 0) as react, coalesce(s.exp, 0) as exp,
    coalesce(s.contr, 0) as contr, coalesce(e.churn, 0) as churn,
    coalesce(s.joined, 0) - coalesce(e.left_, 0) as dc, coalesce(pay.paid, 0) as paid, coalesce(ref.refunded, 0) as refunded
  from days d left join starts s on s.day = d.day left join ends e on e.day = d.day
  left join pay on pay.day = d.day left join ref on ref.day = d.day
)
insert into revenue_daily (company_id, day, mrr_minor, customers, new_minor, reactivation_minor, expansion_minor,
  contraction_minor, churn_minor, revenue_minor, refunds_minor)
select $1, day, sum(new_ + react + exp - contr - churn) over w, sum(dc) over w, new_, react, exp, contr, churn,
  paid - refunded, refunded
from daily window w as (order by day)`;

/**
 * Inserts payment_failures_daily: payments in the company's currency that failed on each day (failed_at,
 * the first attempt), and those of them paid within 30 days (the same payment later paid, or the
 * membership's next payment), as far as known at $2.
 */
export const insertPaymentFailuresDailySql = `
with ${companyCte},
f as (
  select (p.failed_at at time zone co.tz)::date as day, p.amount_minor, exists (
    select 1 from payments r where r.company_id = $1 and r.membership_id = p.membership_id and r.paid_at >= p.failed_at
      and r.paid_at <= least(p.failed_at + ${GRACE}, $2::timestamptz)) as recovered
  from payments p join co on p.currency = co.currency
  where p.company_id = $1 and p.failed_at <= $2
)
insert into payment_failures_daily (company_id, day, failed, failed_minor, recovered, recovered_minor)
select $1, day, count(*), sum(amount_minor), count(*) filter (where recovered), coalesce(sum(amount_minor) filter (where recovered), 0)
from f group by day`;
