// The SQL that attributes the revenue rollup's customer movements to memberships and plans ($1 company id),
// run after membership_mrr_spans and customer_mrr_spans are rebuilt (rollup.repository.ts). The rule
// (docs/metrics.md#drill-down-and-breakdowns): on a day a customer's MRR goes from a to b, each membership on
// each plan (a "unit") changed by d (its MRR that day minus the day before; the d sum to b - a):
//   - new and reactivation (a = 0): every unit that gained, by its gain (they sum to b);
//   - churn (b = 0): every unit that lost, by its loss (they sum to a);
//   - expansion: all of b - a to the unit that gained most; contraction: all of a - b to the unit that lost
//     most (ties: the lower membership id, then plan id).
// So each movement's rows add up to the customer's movement exactly, and a movement's total over any
// grouping (plan, product) adds up to the company's. What a customer moved between plans beyond that is
// `moved` in revenue_segment_daily (it sums to 0 over plans, and over products).

const unitDeltas = `
  select member_id, membership_id, plan_id, day, sum(d)::bigint as d from (
    select member_id, membership_id, plan_id, from_day as day, mrr_minor as d from membership_mrr_spans where company_id = $1
    union all
    select member_id, membership_id, plan_id, to_day, -mrr_minor from membership_mrr_spans where company_id = $1 and to_day is not null
  ) x group by member_id, membership_id, plan_id, day
  having sum(d) <> 0`;

/** Inserts membership_mrr_movements (the caller has deleted the old rows). */
export const insertMembershipMovementsSql = `
with unit_delta as (${unitDeltas}),
customer_move as (
  select member_id, from_day as day,
    case when prev_mrr_minor = 0 and first_mrr then 'new' when prev_mrr_minor = 0 then 'reactivation'
      when mrr_minor > prev_mrr_minor then 'expansion' else 'contraction' end as movement,
    abs(mrr_minor - prev_mrr_minor) as amount
  from customer_mrr_spans where company_id = $1 and mrr_minor <> prev_mrr_minor
  union all
  select member_id, to_day, 'churn', mrr_minor from customer_mrr_spans where company_id = $1 and next_mrr_minor = 0
),
ranked as (
  select u.member_id, u.membership_id, u.plan_id, u.day, u.d, c.movement, c.amount,
    row_number() over (partition by u.member_id, u.day
      order by case when c.movement = 'contraction' then u.d else -u.d end, u.membership_id, u.plan_id) as rank
  from unit_delta u join customer_move c on c.member_id = u.member_id and c.day = u.day
)
insert into membership_mrr_movements (company_id, day, movement, membership_id, plan_id, member_id, amount_minor)
select $1, day, movement, membership_id, plan_id, member_id,
  case when movement in ('new', 'reactivation') then d when movement = 'churn' then -d else amount end
from ranked
where case when movement in ('new', 'reactivation') then d > 0 when movement = 'churn' then d < 0 else rank = 1 end
order by day`;

/**
 * Inserts revenue_segment_daily (the caller has deleted the old rows): per plan and per product (0 = a plan
 * without one), a row on each day its MRR, customers or movements changed, with MRR and customers at the
 * day's end (running sums) and the day's movements. A customer counts once per plan (or product) they pay
 * on, so customers of several plans count in each.
 */
export const insertSegmentDailySql = `
with su as (
  select s.member_id, s.from_day, s.to_day, s.mrr_minor, s.plan_id, coalesce(pl.product_id, 0) as product_id
  from membership_mrr_spans s left join plans pl on pl.id = s.plan_id and pl.company_id = $1
  where s.company_id = $1
),
keyed as (
  select 'plan' as segment, plan_id as segment_id, member_id, from_day, to_day, mrr_minor from su
  union all select 'product', product_id, member_id, from_day, to_day, mrr_minor from su
),
member_day as (
  select segment, segment_id, member_id, day, sum(dm) as dm, sum(dn) as dn from (
    select segment, segment_id, member_id, from_day as day, mrr_minor as dm, 1 as dn from keyed
    union all select segment, segment_id, member_id, to_day, -mrr_minor, -1 from keyed where to_day is not null
  ) x group by segment, segment_id, member_id, day
),
member_state as (
  select segment, segment_id, day, dm, dn, sum(dn) over (partition by segment, segment_id, member_id order by day) as n from member_day
),
seg_change as (
  select segment, segment_id, day, sum(dm) as dm,
    sum(case when n > 0 and n = dn then 1 when n = 0 and dn < 0 then -1 else 0 end) as dc
  from member_state group by segment, segment_id, day
),
mv as (
  select r.day, r.plan_id, coalesce(pl.product_id, 0) as product_id, r.movement, r.amount_minor
  from membership_mrr_movements r left join plans pl on pl.id = r.plan_id and pl.company_id = $1
  where r.company_id = $1
),
seg_moves as (
  select segment, segment_id, day,
    coalesce(sum(amount_minor) filter (where movement = 'new'), 0) as new_,
    coalesce(sum(amount_minor) filter (where movement = 'reactivation'), 0) as react,
    coalesce(sum(amount_minor) filter (where movement = 'expansion'), 0) as exp,
    coalesce(sum(amount_minor) filter (where movement = 'contraction'), 0) as contr,
    coalesce(sum(amount_minor) filter (where movement = 'churn'), 0) as churn
  from (
    select 'plan' as segment, plan_id as segment_id, day, movement, amount_minor from mv
    union all select 'product', product_id, day, movement, amount_minor from mv
  ) x group by segment, segment_id, day
),
joined as (
  select coalesce(c.segment, m.segment) as segment, coalesce(c.segment_id, m.segment_id) as segment_id,
    coalesce(c.day, m.day) as day, coalesce(c.dm, 0) as dm, coalesce(c.dc, 0) as dc, coalesce(m.new_, 0) as new_,
    coalesce(m.react, 0) as react, coalesce(m.exp, 0) as exp, coalesce(m.contr, 0) as contr, coalesce(m.churn, 0) as churn
  from seg_change c full join seg_moves m on m.segment = c.segment and m.segment_id = c.segment_id and m.day = c.day
)
insert into revenue_segment_daily (company_id, segment, segment_id, day, mrr_minor, customers, new_minor, reactivation_minor,
  expansion_minor, contraction_minor, churn_minor, moved_minor)
select $1, segment, segment_id, day, sum(dm) over w, sum(dc) over w, new_, react, exp, contr, churn,
  dm - (new_ + react + exp - contr - churn)
from joined
where dm <> 0 or dc <> 0 or new_ <> 0 or react <> 0 or exp <> 0 or contr <> 0 or churn <> 0
window w as (partition by segment, segment_id order by day)
order by segment, segment_id, day`;
