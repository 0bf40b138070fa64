// What decides the days a rollup refresh covers: the company's time zone, the last day rolled up, and the local
// day of its first activity.
import type { Queryable } from '../db/queryable.ts';

export interface RollupWindowFacts {
  timeZone: string;
  lastRolledUp: string | null;
  firstEventDay: string | null;
}

export async function rollupWindowFacts(db: Queryable, companyId: number): Promise<RollupWindowFacts | null> {
  const {
    rows: [c],
  } = await db.query<{ time_zone: string; last: string | null; first_event: string | null }>(
    `select time_zone,
       (select max(day)::text from engagement_company_daily where company_id = $1) as last,
       (select to_char(min(occurred_at) at time zone time_zone, 'YYYY-MM-DD') from activity_events where company_id = $1) as first_event
     from companies where id = $1`,
    [companyId],
  );
  return c ? { timeZone: c.time_zone, lastRolledUp: c.last, firstEventDay: c.first_event } : null;
}
