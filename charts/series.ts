// Helpers for daily series: axis labels, point size, and "change over N days" for alt text and subtitles.
import { daysBetween, formatDay } from './format.ts';
import type { IsoDate } from './types.ts';

/** "26 Nov" labels; spans over ~10 months add the year ("26 Nov '26") so January is not ambiguous. */
export function dayLabels(dates: IsoDate[]): string[] {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const long = first !== undefined && last !== undefined && daysBetween(first, last) > 300;
  return dates.map((d) => (long ? `${formatDay(d)} '${d.slice(2, 4)}` : formatDay(d)));
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * Every day from the first to the last date (so the x axis is proportional to time even when points are
 * missing or sparse), or just the dates themselves when that would be more than maxDays.
 */
export function dayAxis(dates: IsoDate[], maxDays = 4000): IsoDate[] {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return [];
  const span = daysBetween(first, last);
  if (!(span >= 0 && span <= maxDays)) return [...new Set(dates)];
  return Array.from({ length: span + 1 }, (_, i) => addDays(first, i));
}

/** Points are drawn only when there are few enough to tell apart; a single point is always visible. */
export function pointRadius(n: number): number {
  if (n <= 1) return 4;
  if (n <= 16) return 3;
  return 0;
}

/** Sorted copy by a 'YYYY-MM-DD' or 'YYYY-MM' key. */
export function byDate<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export interface Change<T> {
  base: T;
  days: number;
}

/**
 * The point to compare the latest one with: the last point at least `days` before it, or the first point
 * when the series is shorter. Undefined for a single point.
 */
export function changeBase<T extends { date: IsoDate }>(points: readonly T[], days: number): Change<T> | undefined {
  const last = points[points.length - 1];
  if (!last || points.length < 2) return undefined;
  let base = points[0]!;
  for (const p of points) {
    if (daysBetween(p.date, last.date) >= days) base = p;
    else break;
  }
  return { base, days: daysBetween(base.date, last.date) };
}

/** "up 4.2%", "down 3%", "flat"; relative change from a to b, or undefined when a is 0. */
export function direction(change: number): 'up' | 'down' | 'flat' {
  if (change > 0) return 'up';
  if (change < 0) return 'down';
  return 'flat';
}
