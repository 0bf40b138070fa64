// The periods the coach talks about, as days [from, to) in the company's time zone — the same choices and
// days as the chat commands' period option, so the coach's figures match /revenue's — cut to the tier's
// history window with a sentence saying so. Also which period a question names ("this month", "last week").
import { addDays, addMonths, localDay, monthStart, type Day, type Period } from '../period.ts';
import { earliestQueryableDay, historyLimit, type CompanyTier } from '../tiers/tier-limits.ts';

export const coachPeriods = ['this_month', 'last_month', 'last_7_days', 'last_30_days', 'last_90_days', 'this_year'] as const;
export type CoachPeriod = (typeof coachPeriods)[number];

export const periodLabels: Record<CoachPeriod, string> = {
  this_month: 'this month', last_month: 'last month', last_7_days: 'the last 7 days', last_30_days: 'the last 30 days',
  last_90_days: 'the last 90 days', this_year: 'this year',
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

function asked(name: CoachPeriod, today: Day): Period {
  const tomorrow = addDays(today, 1);
  switch (name) {
    case 'this_month': return { from: monthStart(today), to: tomorrow };
    case 'last_month': return { from: addMonths(today, -1), to: monthStart(today) };
    case 'last_7_days': return { from: addDays(today, -6), to: tomorrow };
    case 'last_30_days': return { from: addDays(today, -29), to: tomorrow };
    case 'last_90_days': return { from: addDays(today, -89), to: tomorrow };
    case 'this_year': return { from: `${today.slice(0, 4)}-01-01`, to: tomorrow };
  }
}

export function resolveCoachPeriod(name: CoachPeriod, asOf: Date, timeZone: string, tier: CompanyTier): ResolvedCoachPeriod {
  const today = localDay(asOf, timeZone);
  const period = asked(name, today);
  const limit = historyLimit(tier, today, period.from);
  if (!limit) return { name, label: periodLabels[name], ...period, notice: null };
  const earliest = earliestQueryableDay(tier, today);
  const cut = period.to > earliest ? { from: earliest, to: period.to } : { from: earliest, to: addDays(today, 1) };
  const upgrade = tier === 'enterprise' ? '' : ' Upgrading keeps more history.';
  return {
    name, label: periodLabels[name], ...cut,
    notice: `The ${tier} plan keeps ${limit.allowed} days of history, so ${periodLabels[name]} is cut to ${cut.from} to ${addDays(cut.to, -1)}.${upgrade}`,
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
