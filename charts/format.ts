// Date and label text for charts: calendar dates and months, counts with their unit, text the bundled font can
// draw. Money, counts and percents are written by core/format (one look in charts, chat, pages and the coach).
import { formatNumber } from '../core/format/index.ts';
import type { IsoDate, IsoMonth } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(date: string): { y: number; m: number; d: number } {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return { y, m, d };
}

/** '2026-11-26' -> "26 Nov 2026". */
export function formatDate(date: IsoDate): string {
  const { y, m, d } = parts(date);
  return `${d} ${MONTHS[m - 1] ?? '?'} ${y}`;
}

/** '2026-11-26' -> "26 Nov" (axis label). */
export function formatDay(date: IsoDate): string {
  const { m, d } = parts(date);
  return `${d} ${MONTHS[m - 1] ?? '?'}`;
}

/** '2026-11' -> "Nov 2026"; with long: "November 2026". */
export function formatMonth(month: IsoMonth, long = false): string {
  const { y, m } = parts(month);
  return `${(long ? FULL_MONTHS : MONTHS)[m - 1] ?? '?'} ${y}`;
}

/** '2026-11' -> "Nov '26" (axis label). */
export function formatMonthShort(month: IsoMonth): string {
  const { y, m } = parts(month);
  return `${MONTHS[m - 1] ?? '?'} '${String(y % 100).padStart(2, '0')}`;
}

/** Whole days from a to b (both 'YYYY-MM-DD'). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const t = (s: string) => {
    const { y, m, d } = parts(s);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** "1 event", "3 events": drops a trailing s from a plural unit for a count of 1. */
export function countOf(n: number, unit: string): string {
  return `${formatNumber(n)} ${n === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
}

/** Text for drawing with the bundled font: emoji (which it lacks) removed, whitespace collapsed. */
export function drawable(text: string): string {
  return text
    .replace(
      /(?![\u00a9\u00ae\u2122])[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3]/gu,
      '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Shortens text to max characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`;
}
