// Cohort counts from the per-customer MRR spans: each customer's first month and MRR, and per cohort and
// month the customers (and their MRR) still paying at the month's end (or on the as-of day).
import type { Queryable } from '../db/queryable.ts';
import type { Day } from '../period.ts';
import type { CohortHeld, CohortStart } from './cohort-tables.ts';

/** Cohorts whose month starts in [from, to), measured through asOfDay. */
export async function cohortCounts(
  db: Queryable,
  companyId: number,
  from: Day,
  to: Day,
  asOfDay: Day,
): Promise<{ starts: CohortStart[]; held: CohortHeld[] }> {
  const { rows: starts } = await db.query<Record<string, unknown>>(
    `select to_char(date_trunc('month', from_day), 'YYYY-MM-DD') as cohort, count(*) as customers, sum(mrr_minor) as start_mrr
     from customer_mrr_spans where company_id = $1 and first_mrr and from_day >= $2::date and from_day < $3::date
     group by 1 order by 1`,
    [companyId, from, to],
  );
  const { rows: held } = await db.query<Record<string, unknown>>(
    `with cust as (
       select member_id, date_trunc('month', from_day)::date as cohort from customer_mrr_spans
       where company_id = $1 and first_mrr and from_day >= $2::date and from_day < $3::date
     )
     select to_char(c.cohort, 'YYYY-MM-DD') as cohort, to_char(m.month, 'YYYY-MM-DD') as month, count(*) as customers, sum(s.mrr_minor) as mrr
     from customer_mrr_spans s
     join cust c on c.member_id = s.member_id
     cross join lateral (
       select g::date as month, least((g + interval '1 month')::date - 1, $4::date) as day
       from generate_series(date_trunc('month', s.from_day), date_trunc('month', least(coalesce(s.to_day - 1, $4::date), $4::date)), interval '1 month') g
     ) m
     where s.company_id = $1 and s.from_day <= $4::date and m.day >= s.from_day and (s.to_day is null or m.day < s.to_day)
     group by 1, 2`,
    [companyId, from, to, asOfDay],
  );
  return {
    starts: starts.map((r) => ({
      cohort: String(r.cohort),
      customers: Number(r.customers),
      startMrrMinor: Number(r.start_mrr),
    })),
    held: held.map((r) => ({
      cohort: String(r.cohort),
      month: String(r.month),
      customers: Number(r.customers),
      mrrMinor: Number(r.mrr),
    })),
  };
}
