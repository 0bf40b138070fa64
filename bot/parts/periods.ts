// The period option of /revenue, /engagement and /content: the named periods of core/named-periods.ts (the
// same days and tier clipping as the report pages and the coach), as command choices.
import { BadInput } from '../../core/errors.ts';
import {
  periodLabels,
  periodNames as choices,
  resolvePeriod as resolveNamed,
  type PeriodName,
} from '../../core/named-periods.ts';
import type { Period } from '../../core/period.ts';
import type { CompanyTier } from '../../core/tiers/tier-limits.ts';

export const periodChoices = choices;
export type PeriodChoice = PeriodName;
export const defaultPeriod: PeriodChoice = 'last_30_days';
export const periodNames: Record<PeriodChoice, string> = periodLabels;

/** The option's choices, as command definitions list them. */
export const periodOptionChoices = periodChoices.map((value) => ({ name: periodNames[value], value }));

export function parsePeriodChoice(value: unknown): PeriodChoice {
  if (value === undefined || value === null || value === '') return defaultPeriod;
  if (typeof value === 'string' && (periodChoices as readonly string[]).includes(value)) return value as PeriodChoice;
  throw new BadInput(`period must be one of: ${periodChoices.map((c) => periodNames[c].toLowerCase()).join(', ')}`);
}

export interface ResolvedPeriod {
  choice: PeriodChoice;
  period: Period;
  /** The tier's sentence when the period was cut to its history window. */
  notice: string | null;
}

/** The choice's period at `asOf`, cut to what the tier may query. */
export function resolvePeriod(choice: PeriodChoice, asOf: Date, timeZone: string, tier: CompanyTier): ResolvedPeriod {
  const p = resolveNamed(choice, asOf, timeZone, tier);
  return { choice, period: { from: p.from, to: p.to }, notice: p.notice };
}
