// Per-company anomaly alert settings (companies.settings.anomalies), defaults filled in:
//   { "anomalies": { "enabled": true, "thresholdPct": 20, "madK": 3, "weeks": 8, "minWeeks": 4 } }
import { z } from 'zod';
import { BadInput } from '../errors.ts';
import { defaultAnomalySettings, type AnomalySettings } from './anomaly-detection.ts';

export interface CompanyAnomalySettings extends AnomalySettings {
  enabled: boolean;
}

const overrides = z
  .object({
    enabled: z.boolean(),
    thresholdPct: z.number().min(1).max(1000),
    madK: z.number().min(0).max(20),
    weeks: z.number().int().min(2).max(52),
    minWeeks: z.number().int().min(2).max(52),
  })
  .partial();

/** The anomaly settings of a company, from its settings JSON; BadInput naming the bad field. */
export function anomalySettingsFrom(companySettings: unknown): CompanyAnomalySettings {
  const raw = (companySettings as { anomalies?: unknown } | null)?.anomalies;
  if (raw === undefined || raw === null) return { enabled: true, ...defaultAnomalySettings };
  const parsed = overrides.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInput(`company settings anomalies.${issue.path.join('.')}: ${issue.message}`);
  }
  const settings = { enabled: true, ...defaultAnomalySettings, ...parsed.data };
  if (settings.minWeeks > settings.weeks)
    throw new BadInput(
      `company settings anomalies.minWeeks (${settings.minWeeks}) is more than weeks (${settings.weeks})`,
    );
  return settings;
}
