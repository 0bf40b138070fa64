// The period choices of /revenue and /engagement, as days [from, to) in the company's time zone, clipped to
// the tier's history window (the answer then carries the tier's notice instead of failing).
import { addDays, addMonths, localDay, monthStart, type Day, type Period } from '../../core/period.ts';
import { earliestQueryableDay, historyLimit, type CompanyTier } from '../../core/tiers/tier-limits.ts';
import { BadInput } from '../../core/errors.ts';

export const periodChoices = ['this_month', 'last_month', 'last_7_days', 'last_30_days', 'last_90_days', 'this_year'] as const;
export type PeriodChoice = (typeof periodChoices)[number];
export const defaultPeriod: PeriodChoice = 'last_30_days';

export const periodNames: Record<PeriodChoice, string> = {
  this_month: 'This month', last_month: 'Last month', last_7_days: 'Last 7 days', last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days', this_year: 'This year',
};

/** The option's choices, as command definitions list them. */
export const periodOptionChoices = periodChoices.map((value) => ({ name: periodNames[value], value }));

export function parsePeriodChoice(value: unknown): PeriodChoice {
  if (value === undefined || value === null || value === '') return defaultPeriod;
  if (typeof value === 'string' && (periodChoices as readonly string[]).includes(value)) return value as PeriodChoice;
  throw new BadInput(`period must be one of: ${periodChoices.map((c) => periodNames[c].toLowerCase()).join(', ')}`);
}

/** The days a choice covers when today (company time zone) is `today`; a running period ends with today. */
export function choicePeriod(choice: PeriodChoice, today: Day): Period {
  const tomorrow = addDays(today, 1);
  switch (choice) {
    case 'this_month': return { from: monthStart(today), to: tomorrow };
    case 'last_month': return { from: addMonths(today, -1), to: monthStart(today) };
    case 'last_7_days': return { from: addDays(today, -6), to: tomorrow };
    case 'last_30_days': return { from: addDays(today, -29), to: tomorrow };
    case 'last_90_days': return { from: addDays(today, -89), to: tomorrow };
    case 'this_year': return { from: `${today.slice(0, 4)}-01-01`, to: tomorrow };
  }
}

export interface ResolvedPeriod {
  choice: PeriodChoice;
  period: Period;
  /** The tier's sentence when the period was cut to its history window. */
  notice: string | null;
}

/** The choice's period at `asOf`, cut to what the tier may query. */
export function resolvePeriod(choice: PeriodChoice, asOf: Date, timeZone: string, tier: CompanyTier): ResolvedPeriod {
  const today = localDay(asOf, timeZone);
  const asked = choicePeriod(choice, today);
  const limit = historyLimit(tier, today, asked.from);
  if (!limit) return { choice, period: asked, notice: null };
  const earliest = earliestQueryableDay(tier, today);
  // A period wholly before the window shows the window itself.
  const period = asked.to > earliest ? { from: earliest, to: asked.to } : { from: earliest, to: addDays(today, 1) };
  const upgrade = tier === 'enterprise' ? '' : ' Upgrade for more.';
  const notice = `The ${tier} plan keeps ${limit.allowed} days of history, so this shows ${period.from} to ${addDays(period.to, -1)}.${upgrade}`;
  return { choice, period, notice };
}
