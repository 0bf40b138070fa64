// Reads behind the revenue answer: the daily rollup, customer-level facts at period boundaries from the
// per-customer spans, and failed/recovered payments. Every query is scoped by company_id.
import type { Queryable } from '../db/queryable.ts';
import type { Day, Period } from '../period.ts';
import type { CustomerBoundary, DailyRevenue, MonthChurnCounts, PaymentFailures } from './types.ts';

type Row = Record<string, unknown>;
const num = (value: unknown): number => Number(value ?? 0);

/** revenue_daily rows for the days [from, through], oldest first. */
export async function dailyRevenueRows(
  db: Queryable,
  companyId: number,
  from: Day,
  through: Day,
): Promise<DailyRevenue[]> {
  const { rows } = await db.query<Row>(
    `select to_char(day, 'YYYY-MM-DD') as day, mrr_minor, customers, new_minor, reactivation_minor, expansion_minor,
       contraction_minor, churn_minor, revenue_minor, refunds_minor
     from revenue_daily where company_id = $1 and day between $2::date and $3::date order by day`,
    [companyId, from, through],
  );
  return rows.map((r) => ({
    day: String(r.day),
    mrrMinor: num(r.mrr_minor),
    customers: num(r.customers),
    newMinor: num(r.new_minor),
    reactivationMinor: num(r.reactivation_minor),
    expansionMinor: num(r.expansion_minor),
    contractionMinor: num(r.contraction_minor),
    churnMinor: num(r.churn_minor),
    revenueMinor: num(r.revenue_minor),
    refundsMinor: num(r.refunds_minor),
  }));
}

/**
 * For each period: customers with MRR at its start and how many of them churned in it (LTV's monthly
 * rates). A start customer who churned has exactly one churn span in the period whose streak began before it.
 */
export async function churnCounts(
  db: Queryable,
  companyId: number,
  periods: readonly Period[],
): Promise<MonthChurnCounts[]> {
  if (periods.length === 0) return [];
  const { rows } = await db.query<Row>(
    `select per.i, coalesce(d.customers, 0) as customers_start, (
       select count(*) from customer_mrr_spans s where s.company_id = $1
         and s.to_day >= per.f and s.to_day < per.t and s.next_mrr_minor = 0 and s.streak_from_day < per.f) as churned
     from unnest($2::date[], $3::date[]) with ordinality as per(f, t, i)
     left join revenue_daily d on d.company_id = $1 and d.day = per.f - 1
     order by per.i`,
    [companyId, periods.map((p) => p.from), periods.map((p) => p.to)],
  );
  return rows.map((r) => ({ customersStart: num(r.customers_start), churnedCustomers: num(r.churned) }));
}

/** Days a past-due span can start before a day it covers: grace ends within 30 days of a failure that is
 * itself within 30 days of the paid period's end. */
const PAST_DUE_REACH_DAYS = 62;

/**
 * For each period: customers with MRR at its start (the day before `from`), how many of them churned before
 * `to`, their MRR at the end (the day before `to`), and past-due MRR at the end. Index range scans only:
 * a start customer who churned in the period has a churn span ending in it whose streak began before it;
 * the end MRR of start customers is MRR(end) minus the end spans of streaks begun in the period, except
 * those of start customers who churned and came back.
 */
export async function customerBoundaries(
  db: Queryable,
  companyId: number,
  periods: readonly Period[],
): Promise<CustomerBoundary[]> {
  if (periods.length === 0) return [];
  const { rows } = await db.query<Row>(
    `with per as (
       select i, f, t, f - 1 as start_day, t - 1 as end_day from unnest($2::date[], $3::date[]) with ordinality as x(f, t, i)
     ),
     churned as materialized (
       select per.i, s.member_id from per cross join lateral (
         select member_id from customer_mrr_spans s where s.company_id = $1
           and s.to_day >= per.f and s.to_day < per.t and s.next_mrr_minor = 0 and s.streak_from_day < per.f) s
     ),
     joined_at_end as materialized (
       select per.i, s.member_id, s.mrr_minor from per cross join lateral (
         select member_id, mrr_minor from customer_mrr_spans s where s.company_id = $1
           and s.from_day >= per.f and s.from_day < per.t and s.streak_from_day >= per.f and (s.to_day is null or s.to_day > per.end_day)) s
     ),
     joined_new as (
       select j.i, sum(j.mrr_minor) as minor from joined_at_end j
       left join churned c on c.i = j.i and c.member_id = j.member_id where c.member_id is null group by j.i
     ),
     churn_counts as (select i, count(*) as n from churned group by i),
     past_due as (
       select per.i, s.minor, s.customers from per cross join lateral (
         select sum(s.past_due_minor) as minor, count(*) as customers from customer_mrr_spans s where s.company_id = $1
           and s.from_day between per.end_day - ${PAST_DUE_REACH_DAYS} and per.end_day and s.past_due_minor > 0
           and (s.to_day is null or s.to_day > per.end_day)) s
     )
     select per.i, coalesce(ds.customers, 0) as customers_start, coalesce(de.mrr_minor, 0) as mrr_end, coalesce(cc.n, 0) as churned,
       coalesce(jn.minor, 0) as joined_mrr, coalesce(pd.minor, 0) as past_due, coalesce(pd.customers, 0) as past_due_customers
     from per
     left join revenue_daily ds on ds.company_id = $1 and ds.day = per.start_day
     left join revenue_daily de on de.company_id = $1 and de.day = per.end_day
     left join churn_counts cc on cc.i = per.i left join joined_new jn on jn.i = per.i left join past_due pd on pd.i = per.i
     order by per.i`,
    [companyId, periods.map((p) => p.from), periods.map((p) => p.to)],
  );
  return rows.map((r) => ({
    customersStart: num(r.customers_start),
    churnedCustomers: num(r.churned),
    retainedMrrMinor: num(r.mrr_end) - num(r.joined_mrr),
    pastDueMinor: num(r.past_due),
    pastDueCustomers: num(r.past_due_customers),
  }));
}

/** For each period: failed payments (by the day they failed) and those of them recovered, from the rollup. */
export async function paymentFailures(
  db: Queryable,
  companyId: number,
  periods: readonly Period[],
): Promise<PaymentFailures[]> {
  if (periods.length === 0) return [];
  const { rows } = await db.query<Row>(
    `select per.i, coalesce(sum(d.failed), 0) as failed, coalesce(sum(d.failed_minor), 0) as failed_minor,
       coalesce(sum(d.recovered), 0) as recovered, coalesce(sum(d.recovered_minor), 0) as recovered_minor
     from unnest($2::date[], $3::date[]) with ordinality as per(f, t, i)
     left join payment_failures_daily d on d.company_id = $1 and d.day >= per.f and d.day < per.t
     group by per.i order by per.i`,
    [companyId, periods.map((p) => p.from), periods.map((p) => p.to)],
  );
  return rows.map((r) => ({
    failedCount: num(r.failed),
    failedMinor: num(r.failed_minor),
    recoveredCount: num(r.recovered),
    recoveredMinor: num(r.recovered_minor),
  }));
}
