// The companies the anomaly scan looks at: live (installed, not waiting to be erased) and with somewhere to
// post an alert (a workspace link with an alert or digest channel), with their zone and raw settings.
import type { Queryable } from '../db/queryable.ts';
import { liveCompanySql } from '../lifecycle/company-state.ts';

export interface AnomalyScanCompany {
  id: number;
  timeZone: string;
  settings: unknown;
}

export async function anomalyScanCompanies(db: Queryable): Promise<AnomalyScanCompany[]> {
  const { rows } = await db.query<{ id: string; time_zone: string; settings: unknown }>(
    `select c.id, c.time_zone, c.settings from companies c
     where ${liveCompanySql('c')}
       and exists (select 1 from workspace_links l where l.company_id = c.id and coalesce(l.alert_channel_id, l.digest_channel_id) is not null)
     order by c.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), timeZone: r.time_zone, settings: r.settings }));
}
