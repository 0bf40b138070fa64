// The named periods every surface offers (chat commands' period option, report pages, the coach) — one set
// of choices, days and tier clipping, so the same name gives the same figures everywhere — resolved in the
// company's time zone against the day of the as-of instant: days [from, to), `to` at most the day after today;
// a period reaching back past the tier's history window is cut to the window, with the tier's sentence.
import { BadInput } from './errors.ts';
import { addDays, addMonths, localDay, monthStart, type Day, type Period } from './period.ts';
import { earliestQueryableDay, historyLimit, HISTORY_DAYS, type CompanyTier } from './tiers/tier-limits.ts';

export const periodNames = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
  'this_year',
] as const;
export type PeriodName = (typeof periodNames)[number];

export const periodLabels: Record<PeriodName, string> = {
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
  this_year: 'This year',
};

export interface NamedPeriod extends Period {
  name: PeriodName;
  label: string;
  /** The tier's sentence when the period was cut to its history window. */
  notice: string | null;
}

export function isPeriodName(value: unknown): value is PeriodName {
  return typeof value === 'string' && (periodNames as readonly string[]).includes(value);
}

export function parsePeriodName(value: string): PeriodName {
  if (!isPeriodName(value))
    throw new BadInput(`period must be one of ${periodNames.join(', ')}, not ${JSON.stringify(value)}`);
  return value;
}

/** The days of a named period when today (company time zone) is `today`: the last N days end with today. */
export function periodOn(name: PeriodName, today: Day): NamedPeriod {
  const tomorrow = addDays(today, 1);
  const span = (days: number) => ({ from: addDays(today, -(days - 1)), to: tomorrow });
  const days = ((): Period => {
    switch (name) {
      case 'last_7_days':
        return span(7);
      case 'last_30_days':
        return span(30);
      case 'last_90_days':
        return span(90);
      case 'this_month':
        return { from: monthStart(today), to: tomorrow };
      case 'last_month':
        return { from: addMonths(today, -1), to: monthStart(today) };
      case 'this_year':
        return { from: `${today.slice(0, 4)}-01-01`, to: tomorrow };
    }
  })();
  return { name, label: periodLabels[name], ...days, notice: null };
}

/** The named period as of an instant, in a time zone, cut to what the tier may query (as the bot does). */
export function resolvePeriod(
  name: PeriodName,
  asOf: Date,
  timeZone: string,
  tier: CompanyTier = 'enterprise',
): NamedPeriod {
  const today = localDay(asOf, timeZone);
  const asked = periodOn(name, today);
  const limit = historyLimit(tier, today, asked.from);
  if (!limit) return asked;
  const earliest = earliestQueryableDay(tier, today);
  // A period wholly before the window shows the window itself.
  const days = asked.to > earliest ? { from: earliest, to: asked.to } : { from: earliest, to: addDays(today, 1) };
  const upgrade = tier === 'enterprise' ? '' : ' Upgrade for more.';
  return {
    ...asked,
    ...days,
    notice: `The ${tier} plan keeps ${limit.allowed} days of history, so this shows ${days.from} to ${addDays(days.to, -1)}.${upgrade}`,
  };
}

/** Last 30 days, or the longest named span the tier's history allows (free: 7 days). */
export function defaultPeriodFor(tier: CompanyTier): PeriodName {
  return HISTORY_DAYS[tier] >= 30 ? 'last_30_days' : 'last_7_days';
}
