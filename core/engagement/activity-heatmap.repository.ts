// Activity by weekday and hour in the company's time zone over the days from..through, from the
// activity_slots rollup (events per 15-minute UTC slot; every zone's offset is a whole number of quarter
// hours, so each slot lies in one local hour).
import type { Queryable } from '../db/queryable.ts';

export interface HeatmapCell {
  /** ISO weekday: 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** Local hour 0..23. */
  hour: number;
  events: number;
}

export async function activityHeatmap(
  conn: Queryable,
  companyId: number,
  timeZone: string,
  from: string,
  through: string,
): Promise<HeatmapCell[]> {
  const res = await conn.query<{ weekday: number; hour: number; events: number }>(
    `
    select extract(isodow from slot at time zone $2)::int as weekday, extract(hour from slot at time zone $2)::int as hour,
           sum(events)::int as events
    from activity_slots
    where company_id = $1 and slot >= ($3::date::timestamp at time zone $2) and slot < (($4::date + 1)::timestamp at time zone $2)
    group by 1, 2
    order by 1, 2`,
    [companyId, timeZone, from, through],
  );
  return res.rows;
}
