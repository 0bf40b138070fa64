// Wall-clock time in an IANA zone for an instant: the local calendar day, hour, minute and weekday a clock
// there shows, and the ISO week a local day belongs to. Pure: the instant is always passed in.
import { dayNumber, type Day } from '../period.ts';

export interface LocalTime {
  day: Day;
  /** 0-23. */
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday (the convention of workspace_links.weekly_digest_day). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local day, hour, minute and weekday of `instant` in `timeZone` (throws RangeError for an unknown zone). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return { day, hour: Number(parts.hour), minute: Number(parts.minute), weekday: weekdayOf(day) };
}

/** 0 = Sunday … 6 = Saturday of a calendar day. */
export function weekdayOf(day: Day): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

/** The ISO 8601 week of a calendar day, 'YYYY-Www' (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: Day): string {
  const n = dayNumber(day);
  const isoWeekday = ((weekdayOf(day) + 6) % 7) + 1; // Monday 1 … Sunday 7
  const thursday = n + (4 - isoWeekday);
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / 86_400_000;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
