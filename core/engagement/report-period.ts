// The period a report covers: days [from, to) of the company's calendar (core/period.ts), never past the day
// of `asOf` (a period still running ends with today), and the period just before it (previousPeriod).
import { BadInput } from '../errors.ts';
import { addDays, daysBetween, localDay, parsePeriod, previousPeriod, type Day, type Period } from '../period.ts';

export interface ReportPeriodInput {
  /** First day of the period. */
  from: Day;
  /** First day after the period (exclusive). */
  to: Day;
  /** The moment the report is made: nothing after it is counted. */
  asOf: Date;
}

export interface ReportPeriod extends Period {
  /** The last day counted: the day before `to`, or the day of asOf when the period is still running. */
  lastDay: Day;
  days: number;
  /** The day before `from`: the scores members brought into the period. */
  dayBefore: Day;
  previous: Period;
  /** Set when the period was cut back to the day of asOf. */
  note: string | null;
}

export function reportPeriod(input: ReportPeriodInput, timeZone: string): ReportPeriod {
  if (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime()))
    throw new BadInput('asOf must be a valid date');
  const asked = parsePeriod(input.from, input.to);
  const today = localDay(input.asOf, timeZone);
  if (asked.from > today) throw new BadInput(`the period begins (${asked.from}) after ${today}, the day of asOf`);
  const lastDay = addDays(asked.to, -1) <= today ? addDays(asked.to, -1) : today;
  const to = addDays(lastDay, 1);
  return {
    from: asked.from,
    to,
    lastDay,
    days: daysBetween(asked.from, to),
    dayBefore: addDays(asked.from, -1),
    previous: previousPeriod(asked),
    note: to < asked.to ? `The period runs to ${asked.to}; counted up to ${lastDay}, the day of asOf.` : null,
  };
}
