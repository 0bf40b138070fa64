// The digest's failed-payment figures for a period of local days (docs/metrics.md#failed-payment-rescue):
// episodes that started in it (failed), that were recovered in it, and that were lost in it, each with the MRR
// they put at stake (reporting currency only), as known at `asOf`.
import type { Queryable } from '../db/queryable.ts';
import type { Period } from '../period.ts';

export interface RescueCount {
  count: number;
  mrrMinor: number;
}
export interface RescueFigures {
  failed: RescueCount;
  recovered: RescueCount;
  lost: RescueCount;
}

export async function rescueFigures(
  db: Queryable,
  companyId: number,
  period: Period,
  timeZone: string,
  asOf: Date,
): Promise<RescueFigures> {
  const { rows } = await db.query<{ figure: keyof RescueFigures; n: number; mrr: string }>(
    `with bounds as (select ($2::date)::timestamp at time zone $4 as start, ($3::date)::timestamp at time zone $4 as stop)
     select 'failed' as figure, count(*)::int as n, coalesce(sum(r.mrr_minor), 0) as mrr
       from payment_rescues r, bounds b where r.company_id = $1 and r.started_at >= b.start and r.started_at < b.stop and r.started_at <= $5
     union all
     select r.outcome, count(*)::int, coalesce(sum(r.mrr_minor), 0)
       from payment_rescues r, bounds b where r.company_id = $1 and r.outcome in ('recovered', 'lost')
         and r.outcome_at >= b.start and r.outcome_at < b.stop and r.outcome_at <= $5
       group by r.outcome`,
    [companyId, period.from, period.to, timeZone, asOf.toISOString()],
  );
  const figures: RescueFigures = {
    failed: { count: 0, mrrMinor: 0 },
    recovered: { count: 0, mrrMinor: 0 },
    lost: { count: 0, mrrMinor: 0 },
  };
  for (const r of rows) figures[r.figure] = { count: r.n, mrrMinor: Number(r.mrr) };
  return figures;
}
