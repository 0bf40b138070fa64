// Revenue per plan or per product for a period, read from revenue_segment_daily (membership-rollup-sql.ts).
// $1 company id, $2 'plan' | 'product', $3 from day, $4 to day (exclusive). One row per plan (or product, and
// id 0 for plans without one); for each, three primary-key lookups: the last row on or before the day
// before $3 (MRR and customers at the start), the last before $4 (at the end), and the rows in between
// (the movements). Rows with nothing at the start, the end or in between are left out.
export const segmentRevenueSql = `
with ids as (
  select id, whop_id, coalesce(title, whop_id) as title, product_id from plans where company_id = $1 and $2::text = 'plan'
  union all select id, whop_id, title, null from products where company_id = $1 and $2::text = 'product'
  union all select 0, null, null, null where $2::text = 'product'
)
select ids.id, ids.whop_id, ids.title, pr.title as product,
  coalesce(s.mrr_minor, 0) as mrr_start, coalesce(s.customers, 0) as customers_start,
  coalesce(e.mrr_minor, 0) as mrr_end, coalesce(e.customers, 0) as customers_end,
  coalesce(mv.new_, 0) as new_, coalesce(mv.react, 0) as react, coalesce(mv.exp, 0) as exp,
  coalesce(mv.contr, 0) as contr, coalesce(mv.churn, 0) as churn, coalesce(mv.moved, 0) as moved
from ids
left join products pr on pr.id = ids.product_id and pr.company_id = $1
left join lateral (
  select mrr_minor, customers from revenue_segment_daily r
  where r.company_id = $1 and r.segment = $2::text and r.segment_id = ids.id and r.day < $3::date order by r.day desc limit 1
) s on true
left join lateral (
  select mrr_minor, customers from revenue_segment_daily r
  where r.company_id = $1 and r.segment = $2::text and r.segment_id = ids.id and r.day < $4::date order by r.day desc limit 1
) e on true
left join lateral (
  select sum(new_minor) as new_, sum(reactivation_minor) as react, sum(expansion_minor) as exp,
    sum(contraction_minor) as contr, sum(churn_minor) as churn, sum(moved_minor) as moved, count(*) as n
  from revenue_segment_daily r
  where r.company_id = $1 and r.segment = $2::text and r.segment_id = ids.id and r.day >= $3::date and r.day < $4::date
) mv on true
where coalesce(s.mrr_minor, 0) <> 0 or coalesce(e.mrr_minor, 0) <> 0 or mv.n > 0
order by mrr_end desc, mrr_start desc, ids.title, ids.id`;

/** The company's figures the rows add up to: MRR and customers at the start and end, the period's movements. */
export const companyRevenueTotalsSql = `
select coalesce((select mrr_minor from revenue_daily where company_id = $1 and day = $2::date - 1), 0) as mrr_start,
  coalesce((select customers from revenue_daily where company_id = $1 and day = $2::date - 1), 0) as customers_start,
  coalesce((select mrr_minor from revenue_daily where company_id = $1 and day = $3::date - 1), 0) as mrr_end,
  coalesce((select customers from revenue_daily where company_id = $1 and day = $3::date - 1), 0) as customers_end,
  coalesce(sum(new_minor), 0) as new_, coalesce(sum(reactivation_minor), 0) as react, coalesce(sum(expansion_minor), 0) as exp,
  coalesce(sum(contraction_minor), 0) as contr, coalesce(sum(churn_minor), 0) as churn
from revenue_daily where company_id = $1 and day >= $2::date and day < $3::date`;
