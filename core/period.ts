// Calendar days and periods in a company's time zone. A day is 'YYYY-MM-DD' (a local calendar date);
// a period is the half-open range of days [from, to). Nothing here reads the clock.
import { BadInput } from './errors.ts';

/** A calendar date, 'YYYY-MM-DD'. */
export type Day = string;

/** Days [from, to): `to` is the first day after the period. */
export interface Period {
  from: Day;
  to: Day;
}

const DAY_MS = 86_400_000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 of a valid day; BadInput for anything else. */
export function dayNumber(day: Day): number {
  const ms = dayPattern.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new BadInput(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The day itself when valid; BadInput naming `what` otherwise. */
export function parseDay(text: string, what = 'date'): Day {
  try {
    dayNumber(text);
    return text;
  } catch {
    throw new BadInput(`${what} must be a calendar date YYYY-MM-DD, not ${JSON.stringify(text)}`);
  }
}

export function addDays(day: Day, n: number): Day {
  return dayFromNumber(dayNumber(day) + n);
}

/** Number of days from a to b (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

/** The first day of the day's month. */
export function monthStart(day: Day): Day {
  dayNumber(day);
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month `n` months after the month of `day`. */
export function addMonths(day: Day, n: number): Day {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  dayNumber(day);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}

export function isMonthStart(day: Day): boolean {
  return day.endsWith('-01');
}

/** The months [start, next start) whose every day lies in [from, to). */
export function fullMonths(from: Day, to: Day): Period[] {
  const out: Period[] = [];
  for (let m = isMonthStart(from) ? from : addMonths(from, 1); addMonths(m, 1) <= to; m = addMonths(m, 1)) {
    out.push({ from: m, to: addMonths(m, 1) });
  }
  return out;
}

/** A period after checking from < to; BadInput otherwise. */
export function parsePeriod(from: string, to: string): Period {
  const period = { from: parseDay(from, 'from'), to: parseDay(to, 'to') };
  if (period.from >= period.to)
    throw new BadInput(`period must end after it starts: from ${from} to ${to} (to is exclusive)`);
  return period;
}

/**
 * The period just before: the same number of whole calendar months when the period is whole months,
 * otherwise the same number of days.
 */
export function previousPeriod(period: Period): Period {
  if (isMonthStart(period.from) && isMonthStart(period.to)) {
    const months = monthsBetween(period.from, period.to);
    return { from: addMonths(period.from, -months), to: period.from };
  }
  return { from: addDays(period.from, -daysBetween(period.from, period.to)), to: period.from };
}

function monthsBetween(a: Day, b: Day): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** BadInput unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): string {
  try {
    localDayFormatter(timeZone);
    return timeZone;
  } catch {
    throw new BadInput(`unknown time zone ${JSON.stringify(timeZone)}`);
  }
}

function localDayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar day an instant falls on in a time zone. */
export function localDay(instant: Date, timeZone: string): Day {
  return localDayFormatter(timeZone).format(instant);
}
