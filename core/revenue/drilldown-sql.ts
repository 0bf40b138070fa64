// The rows behind each revenue figure, as SQL over the rollup (movements, MRR, past due: one row per
// membership and plan, membership-rollup-sql.ts) or the raw payments and refunds (cash). Every statement takes
// $1 company id, $2 from day, $3 to day (exclusive), $4 as-of instant, and returns member_id, membership_id,
// plan_id, day, amount_minor, payment_whop_id. Summing amount_minor gives the report's figure.

const onDayOf = (column: string) => `(${column} at time zone (select time_zone from companies where id = $1))::date`;
/** `column` on the local days [$2, $3) and at or before $4, as a range an index on (company_id, column) serves. */
const inPeriod = (
  column: string,
) => `${column} >= ($2::date::timestamp at time zone (select time_zone from companies where id = $1))
      and ${column} < ($3::date::timestamp at time zone (select time_zone from companies where id = $1)) and ${column} <= $4`;
const companyCurrency = '(select currency from companies where id = $1)';

const movementRows = (movement: string) => `
  select member_id, membership_id, plan_id, day, amount_minor, null::text as payment_whop_id
  from membership_mrr_movements where company_id = $1 and day >= $2::date and day < $3::date and movement = '${movement}'`;

const coveringRows = (dayExpr: string, amount: string, condition = 'true') => `
  select member_id, membership_id, plan_id, ${dayExpr} as day, ${amount} as amount_minor, null::text as payment_whop_id
  from membership_mrr_spans where company_id = $1 and from_day <= ${dayExpr} and (to_day is null or to_day > ${dayExpr}) and ${condition}`;

const failedRows = (recoveredOnly: boolean) => `
  select p.member_id, p.membership_id, p.plan_id, ${onDayOf('p.failed_at')} as day, p.amount_minor, p.whop_id as payment_whop_id
  from payments p
  where p.company_id = $1 and p.currency = ${companyCurrency} and ${inPeriod('p.failed_at')}
    ${
      recoveredOnly
        ? `and exists (select 1 from payments r where r.company_id = $1 and r.membership_id = p.membership_id
      and r.paid_at >= p.failed_at and r.paid_at <= least(p.failed_at + interval '720 hours', $4::timestamptz))`
        : ''
    }`;

export const drilldownSql = {
  new: movementRows('new'),
  reactivation: movementRows('reactivation'),
  expansion: movementRows('expansion'),
  contraction: movementRows('contraction'),
  churn: movementRows('churn'),
  // Customers, not memberships: the rate's numerator counts people.
  churned_customers: `
    select member_id, null::bigint as membership_id, null::bigint as plan_id, to_day as day, mrr_minor as amount_minor, null::text as payment_whop_id
    from customer_mrr_spans where company_id = $1 and to_day >= $2::date and to_day < $3::date and next_mrr_minor = 0
      and streak_from_day < $2::date`,
  mrr_start: coveringRows('($2::date - 1)', 'mrr_minor'),
  mrr_end: coveringRows('($3::date - 1)', 'mrr_minor'),
  // A span in past-due grace starts at most 62 days before a day it covers (repository's PAST_DUE_REACH_DAYS):
  // the bound keeps this an index range scan.
  past_due: coveringRows('($3::date - 1)', 'past_due_minor', 'past_due_minor > 0 and from_day >= $3::date - 63'),
  payments: `
    select p.member_id, p.membership_id, p.plan_id, ${onDayOf('p.paid_at')} as day, p.amount_minor, p.whop_id as payment_whop_id
    from payments p where p.company_id = $1 and p.paid_at <= $4 and p.currency = ${companyCurrency}
      and p.paid_at >= ($2::date::timestamp at time zone (select time_zone from companies where id = $1))
      and p.paid_at < ($3::date::timestamp at time zone (select time_zone from companies where id = $1))`,
  refunds: `
    select p.member_id, p.membership_id, p.plan_id, ${onDayOf('r.whop_created_at')} as day, r.amount_minor, p.whop_id as payment_whop_id
    from refunds r join payments p on p.id = r.payment_id and p.company_id = $1
    where r.company_id = $1 and r.status = 'succeeded' and r.currency = ${companyCurrency} and ${inPeriod('r.whop_created_at')}`,
  failed_payments: failedRows(false),
  recovered_payments: failedRows(true),
} as const;

export type RevenueFigure = keyof typeof drilldownSql;
export const revenueFigures = Object.keys(drilldownSql) as RevenueFigure[];

/**
 * One page of a figure's rows ($5 offset, $6 limit) with the member, membership and plan of each, and the figure's
 * count, total and customers on every row (one row of nulls when the figure has none).
 */
export function drilldownPageSql(figure: RevenueFigure): string {
  return `with d as materialized (${drilldownSql[figure]}),
   agg as (select count(*) as n, coalesce(sum(amount_minor), 0) as total, count(distinct member_id) as customers from d)
   select agg.n, agg.total, agg.customers, r.* from agg left join lateral (
     select d.member_id, d.plan_id, to_char(d.day, 'YYYY-MM-DD') as day, d.amount_minor, d.payment_whop_id, m.whop_user_id, m.name, m.username,
       ms.whop_id as membership_whop_id, coalesce(pl.title, pl.whop_id) as plan
     from d left join members m on m.id = d.member_id and m.company_id = $1
     left join memberships ms on ms.id = d.membership_id and ms.company_id = $1
     left join plans pl on pl.id = d.plan_id and pl.company_id = $1
     where $2::date < $3::date and $4::timestamptz is not null
     order by d.amount_minor desc, d.day, m.whop_user_id, ms.whop_id, pl.whop_id, d.payment_whop_id
     offset $5 limit $6) r on true`;
}

/** Count, total and distinct customers of each of `figures` in one statement. */
export function figureCountsSql(figures: readonly RevenueFigure[]): string {
  return `
select figure, count(*) as n, coalesce(sum(amount_minor), 0) as total, count(distinct member_id) as customers from (
  ${figures.map((f) => `select '${f}' as figure, member_id, amount_minor from (${drilldownSql[f]}) ${f}_rows`).join('\n  union all\n  ')}
) x where $2::date < $3::date and $4::timestamptz is not null group by figure`;
}
