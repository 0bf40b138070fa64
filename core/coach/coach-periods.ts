// The periods the coach talks about, as days [from, to) in the company's time zone — the same choices and
// days as the chat commands' period option (core/named-periods.ts), so the coach's figures match /revenue's — cut to the tier's
// history window with a sentence saying so. Also which period a question names ("this month", "last week").
import { periodNames, resolvePeriod, type PeriodName } from '../named-periods.ts';
import { addDays, type Period } from '../period.ts';
import { HISTORY_DAYS, type CompanyTier } from '../tiers/tier-limits.ts';

/** The named periods of core/named-periods.ts (the days /revenue and the report pages use). */
export const coachPeriods = periodNames;
export type CoachPeriod = PeriodName;

export const periodLabels: Record<CoachPeriod, string> = {
  this_month: 'this month',
  last_month: 'last month',
  last_7_days: 'the last 7 days',
  last_30_days: 'the last 30 days',
  last_90_days: 'the last 90 days',
  this_year: 'this year',
};

export interface ResolvedCoachPeriod extends Period {
  name: CoachPeriod;
  label: string;
  /** The tier's sentence when the period was cut to its history window. */
  notice: string | null;
}

/** The period the coach looks at unless asked otherwise: the last 30 days, or the last 7 on the free plan. */
export function defaultCoachPeriod(tier: CompanyTier): CoachPeriod {
  return tier === 'free' ? 'last_7_days' : 'last_30_days';
}

export function resolveCoachPeriod(
  name: CoachPeriod,
  asOf: Date,
  timeZone: string,
  tier: CompanyTier,
): ResolvedCoachPeriod {
  const p = resolvePeriod(name, asOf, timeZone, tier);
  if (p.notice === null) return { name, label: periodLabels[name], from: p.from, to: p.to, notice: null };
  const upgrade = tier === 'enterprise' ? '' : ' Upgrading keeps more history.';
  return {
    name,
    label: periodLabels[name],
    from: p.from,
    to: p.to,
    notice: `The ${tier} plan keeps ${HISTORY_DAYS[tier]} days of history, so ${periodLabels[name]} is cut to ${p.from} to ${addDays(p.to, -1)}.${upgrade}`,
  };
}

const named: Array<[RegExp, CoachPeriod]> = [
  [/\b(this|current) month\b|\bmonth to date\b|\bmtd\b/, 'this_month'],
  [/\b(last|previous|past) month\b/, 'last_month'],
  [/\b(this|last|past) week\b|\b(last|past) 7 days\b/, 'last_7_days'],
  [/\b(last|past) 30 days\b/, 'last_30_days'],
  [/\b(this|last|past) quarter\b|\b(last|past) (90 days|3 months|three months)\b/, 'last_90_days'],
  [/\b(this|current) year\b|\byear to date\b|\bytd\b/, 'this_year'],
];

/** The period a question names, or null when it names none. */
export function periodInQuestion(question: string): CoachPeriod | null {
  const q = question.toLowerCase();
  for (const [pattern, name] of named) if (pattern.test(q)) return name;
  return null;
}
