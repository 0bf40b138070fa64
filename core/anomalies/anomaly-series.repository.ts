// The values the anomaly check compares, read from the rollups for one local day and the same weekday in
// the weeks before: MRR at the day's end (revenue_daily), signups (memberships started that local day) and
// active members (engagement_company_daily). A day the rollups do not cover is left out, never read as 0.
import type { Queryable } from '../db/queryable.ts';
import { addDays, type Day } from '../period.ts';
import type { MetricDay } from './anomaly-detection.ts';

function seriesOf(
  metric: MetricDay['metric'],
  day: Day,
  values: Map<string, number>,
  earlier: readonly Day[],
): MetricDay[] {
  const value = values.get(day);
  if (value === undefined) return [];
  return [{ metric, day, value, sameWeekday: earlier.filter((d) => values.has(d)).map((d) => values.get(d)!) }];
}

export async function anomalySeries(
  db: Queryable,
  companyId: number,
  day: Day,
  weeks: number,
  timeZone: string,
): Promise<MetricDay[]> {
  const earlier = Array.from({ length: weeks }, (_, i) => addDays(day, -7 * (i + 1)));
  const days = [day, ...earlier];
  const [mrr, active, signups, first] = await Promise.all([
    db.query<{ day: string; v: string }>(
      'select day::text as day, mrr_minor as v from revenue_daily where company_id = $1 and day = any($2::date[])',
      [companyId, days],
    ),
    db.query<{ day: string; v: number }>(
      'select day::text as day, active as v from engagement_company_daily where company_id = $1 and day = any($2::date[])',
      [companyId, days],
    ),
    db.query<{ day: string; v: number }>(
      `select (started_at at time zone $3)::date::text as day, count(*)::int as v from memberships
       where company_id = $1 and started_at >= ($4::date::timestamp at time zone $3) and started_at < (($2::date + 1)::timestamp at time zone $3)
       group by 1`,
      [companyId, day, timeZone, earlier.at(-1) ?? day],
    ),
    db.query<{ day: string | null }>(
      `select (min(started_at) at time zone $2)::date::text as day from memberships where company_id = $1`,
      [companyId, timeZone],
    ),
  ]);
  const toMap = (rows: { day: string; v: string | number }[]) => new Map(rows.map((r) => [r.day, Number(r.v)]));
  // Signups: a day with no new membership is 0 once the company has any history, and unknown before it.
  const firstDay = first.rows[0]?.day ?? null;
  const signupCounts = toMap(signups.rows);
  const signupValues = new Map(
    days.filter((d) => firstDay !== null && d >= firstDay).map((d) => [d, signupCounts.get(d) ?? 0]),
  );
  return [
    ...seriesOf('mrr', day, toMap(mrr.rows), earlier),
    ...seriesOf('signups', day, signupValues, earlier),
    ...seriesOf('active_members', day, toMap(active.rows), earlier),
  ];
}
