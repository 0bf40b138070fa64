// anomalies:scan (hourly) — once a company's digest hour has come on a local day (as dueDigests decides for
// each destination), yesterday's MRR, signups and active members are checked against the same weekday's
// usual range; anomalies are claimed once per destination and day and posted. Companies with anomaly alerts
// turned off (settings.anomalies.enabled = false) or unreadable settings are skipped.
import { anomalyScanCompanies, anomalySettingsFrom, checkAnomalies } from '../../core/anomalies/index.ts';
import type { AttemptOutcome } from '../../core/delivery/index.ts';
import { addDays } from '../../core/period.ts';
import { dueDigests, localTime } from '../../core/schedule/index.ts';
import type { JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';
import { alertDestinations } from './destinations.ts';
import { errorFields } from './log.ts';

export interface AnomalyScan {
  checked: number;
  anomalies: number;
  outcomes: AttemptOutcome[];
}

export async function scanAnomalies(ctx: JobContext, now: Date = ctx.now()): Promise<AnomalyScan> {
  const companies = await anomalyScanCompanies(ctx.pool);
  const scan: AnomalyScan = { checked: 0, anomalies: 0, outcomes: [] };
  for (const company of companies) {
    if (ctx.signal.aborted) break;
    const companyId = company.id;
    try {
      const settings = anomalySettingsFrom(company.settings);
      if (!settings.enabled) continue;
      const destinations = (await alertDestinations(ctx, companyId))
        .filter(
          ({ link }) =>
            dueDigests(now, company.timeZone, { digestHour: link.digestHour, weeklyDigestDay: null }).length > 0,
        )
        .map((d) => d.destination);
      const day = addDays(localTime(now, company.timeZone).day, -1);
      const check = await checkAnomalies(ctx.pool, companyId, destinations, {
        day,
        timeZone: company.timeZone,
        settings,
        now,
        leaseMs: ctx.delivery.leaseMs,
      });
      if (check.checked) scan.checked++;
      scan.anomalies += check.anomalies.length;
      scan.outcomes.push(...(await postClaimed(ctx, check.claimed)));
    } catch (err) {
      ctx.log.warn({ job: 'anomalies:scan', companyId, ...errorFields(err) }, 'anomaly check failed for this company');
    }
  }
  return scan;
}
