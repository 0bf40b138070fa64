// The engagement report's reads: the company-day rollup, at-risk counts from churn predictions, and how far
// the rollup has run. Every query scoped by company_id.
import type { Queryable } from '../db/queryable.ts';
import { countedOn } from './counted-members-sql.ts';

export interface CompanyDay {
  day: string;
  /** Members with a counted membership at the end of the day. */
  members: number;
  scoreSum: number;
  active: number;
  idle: number;
  dormant: number;
}

/** engagement_company_daily rows of the given days (missing days are absent). */
export async function companyDays(
  conn: Queryable,
  companyId: number,
  from: string,
  through: string,
  extra: string[],
): Promise<CompanyDay[]> {
  const res = await conn.query<Record<string, unknown>>(
    `
    select to_char(day, 'YYYY-MM-DD') as day, members, score_sum, active, idle, dormant
    from engagement_company_daily
    where company_id = $1 and (day between $2::date and $3::date or day = any($4::date[]))
    order by day`,
    [companyId, from, through, extra],
  );
  return res.rows.map((r) => ({
    day: r.day as string,
    members: r.members as number,
    scoreSum: Number(r.score_sum),
    active: r.active as number,
    idle: r.idle as number,
    dormant: r.dormant as number,
  }));
}

/**
 * Per day, the counted members whose latest churn prediction made by the end of that day (and by asOf) is
 * high or critical.
 */
export async function atRiskCounts(
  conn: Queryable,
  companyId: number,
  timeZone: string,
  days: string[],
  asOf: Date,
): Promise<Map<string, number>> {
  // Per day, each member's latest prediction by then, read backwards from churn_predictions_latest_index (member,
  // time, id, with the risk level: no sort, no wide rows), keeping the high and critical ones (a few percent); then a
  // probe of the revenue rollup's spans by member for each of those: the counted population (tens of thousands of
  // spans) is never built. A day with no at-risk member has no row (read as 0).
  const res = await conn.query<{ day: string; at_risk: number }>(
    `
    with ends as (
      select day, least($4::timestamptz, ((day + 1)::timestamp at time zone $2)) as cutoff from unnest($3::date[]) as e(day)
    ), latest as (
      select e.day, l.member_id, l.risk from ends e cross join lateral (
        select distinct on (p.member_id) p.member_id, p.risk from churn_predictions p
        where p.company_id = $1 and p.scored_at <= e.cutoff
        order by p.member_id desc, p.scored_at desc, p.id desc) l
    )
    select to_char(l.day, 'YYYY-MM-DD') as day, count(*)::int as at_risk
    from latest l
    where l.risk in ('high', 'critical')
      and exists (select 1 from customer_mrr_spans s where s.member_id = l.member_id and ${countedOn('s', '$1', 'l.day')})
    group by l.day`,
    [companyId, timeZone, days, asOf],
  );
  return new Map(res.rows.map((r) => [r.day, r.at_risk]));
}

/** Whether the churn model has scored anyone in this company by asOf. */
export async function hasChurnPredictions(conn: Queryable, companyId: number, asOf: Date): Promise<boolean> {
  const res = await conn.query<{ any: boolean }>(
    'select exists (select 1 from churn_predictions where company_id = $1 and scored_at <= $2) as any',
    [companyId, asOf],
  );
  return res.rows[0]?.any === true;
}

/** The last day the engagement rollup has run for (null when never). */
export async function lastRolledUpDay(conn: Queryable, companyId: number): Promise<string | null> {
  const res = await conn.query<{ day: string | null }>(
    `select to_char(max(day), 'YYYY-MM-DD') as day from engagement_company_daily where company_id = $1`,
    [companyId],
  );
  return res.rows[0]?.day ?? null;
}
