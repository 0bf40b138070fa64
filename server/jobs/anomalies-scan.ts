// anomalies:scan (hourly) — once a company's digest hour has come on a local day (as dueDigests decides for
// each destination), yesterday's MRR, signups and active members are checked against the same weekday's
// usual range; anomalies are claimed once per destination and day and posted. Companies with anomaly alerts
// turned off (settings.anomalies.enabled = false) or unreadable settings are skipped.
import { checkAnomalies, type AttemptOutcome } from '../../core/delivery/index.ts';
import { addDays } from '../../core/period.ts';
import { anomalySettingsFrom, dueDigests, localTime } from '../../core/schedule/index.ts';
import type { JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';
import { alertDestinations } from './destinations.ts';
import { errorFields } from './log.ts';

export interface AnomalyScan { checked: number; anomalies: number; outcomes: AttemptOutcome[] }

export async function scanAnomalies(ctx: JobContext, now: Date = ctx.now()): Promise<AnomalyScan> {
  const { rows } = await ctx.pool.query<{ id: string; time_zone: string; settings: unknown }>(
    `select c.id, c.time_zone, c.settings from companies c
     where exists (select 1 from workspace_links l where l.company_id = c.id and coalesce(l.alert_channel_id, l.digest_channel_id) is not null)
     order by c.id`);
  const scan: AnomalyScan = { checked: 0, anomalies: 0, outcomes: [] };
  for (const company of rows) {
    if (ctx.signal.aborted) break;
    const companyId = Number(company.id);
    try {
      const settings = anomalySettingsFrom(company.settings);
      if (!settings.enabled) continue;
      const destinations = (await alertDestinations(ctx, companyId))
        .filter(({ link }) => dueDigests(now, company.time_zone, { digestHour: link.digestHour, weeklyDigestDay: null }).length > 0)
        .map((d) => d.destination);
      const day = addDays(localTime(now, company.time_zone).day, -1);
      const check = await checkAnomalies(ctx.pool, companyId, destinations, { day, timeZone: company.time_zone, settings, now, leaseMs: ctx.delivery.leaseMs });
      if (check.checked) scan.checked++;
      scan.anomalies += check.anomalies.length;
      scan.outcomes.push(...await postClaimed(ctx, check.claimed));
    } catch (err) {
      ctx.log.warn({ job: 'anomalies:scan', companyId, ...errorFields(err) }, 'anomaly check failed for this company');
    }
  }
  return scan;
}
