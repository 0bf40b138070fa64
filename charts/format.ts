// Number, money and date formatting for chart labels and alt text. Money arrives as integer minor units;
// the currency's own fraction digits (2 for USD, 0 for JPY, 3 for KWD) turn it into major units.
import type { IsoDate, IsoMonth } from './types.ts';

const LOCALE = 'en-US';
const cache = new Map<string, Intl.NumberFormat>();

function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, options);
    cache.set(key, f);
  }
  return f;
}

function code(currency: string): string {
  const c = currency.toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : 'XXX';
}

/** Fraction digits of a currency's minor unit: 2 for USD, 0 for JPY, 3 for KWD. */
export function fractionDigits(currency: string): number {
  return nf(`cur:${code(currency)}`, { style: 'currency', currency: code(currency) }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units to major units as a float, for plotting. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

/** "$1,234.50", "¥1,235"; with whole: "$1,235". */
export function formatMoney(minor: number, currency: string, opts: { whole?: boolean } = {}): string {
  const c = code(currency);
  if (opts.whole) return nf(`curw:${c}`, { style: 'currency', currency: c, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(toMajor(minor, c));
  return nf(`cur:${c}`, { style: 'currency', currency: c }).format(toMajor(minor, c));
}

/** "+$1,200", "-$300", "$0" (whole units). */
export function formatSignedMoney(minor: number, currency: string): string {
  const text = formatMoney(minor, currency, { whole: true });
  return minor > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** Whole units below a million, then compact: "$980", "$12,340", "$1.2M" (titles and subtitles). */
export function formatMoneyShort(minor: number, currency: string): string {
  return Math.abs(toMajor(minor, currency)) < 1_000_000 ? formatMoney(minor, currency, { whole: true }) : formatMoneyCompact(minor, currency);
}

/** formatMoneyShort with a sign: "+$1,200", "-$300", "+$1.2M". */
export function formatSignedMoneyShort(minor: number, currency: string): string {
  const text = formatMoneyShort(minor, currency);
  return minor > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** Axis style from major units: "$1.2k", "$3M", "$0". */
export function formatMajorCompact(major: number, currency: string): string {
  const c = code(currency);
  const f = nf(`curc:${c}`, { style: 'currency', currency: c, notation: 'compact', maximumFractionDigits: 1, minimumFractionDigits: 0 });
  return f.format(major).replace(/(\d)K$/, '$1k');
}

/** "$1.2k" from minor units. */
export function formatMoneyCompact(minor: number, currency: string): string {
  return formatMajorCompact(toMajor(minor, currency), currency);
}

/** "1,234" (rounded to an integer). */
export function formatNumber(n: number): string {
  return nf('int', { maximumFractionDigits: 0 }).format(n);
}

/** "950", "1.2k", "3.4M". */
export function formatCompact(n: number): string {
  return nf('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(n).replace(/(\d)K$/, '$1k');
}

/** Fraction to percent: 0.042 -> "4.2%" (digits after the point, trailing zeros kept out). */
export function formatPercent(fraction: number, digits = 1): string {
  return nf(`pct:${digits}`, { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

/** "+4.2%", "-3%", "0%". */
export function formatSignedPercent(fraction: number, digits = 1): string {
  return nf(`spct:${digits}`, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(fraction);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

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
  const t = (s: string) => { const { y, m, d } = parts(s); return Date.UTC(y, m - 1, d); };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** "1 event", "3 events": drops a trailing s from a plural unit for a count of 1. */
export function countOf(n: number, unit: string): string {
  return `${formatNumber(n)} ${n === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
}

/** Text for drawing with the bundled font: emoji (which it lacks) removed, whitespace collapsed. */
export function drawable(text: string): string {
  return text.replace(/(?![\u00a9\u00ae\u2122])[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3]/gu, '').replace(/\s+/g, ' ').trim();
}

/** Shortens text to max characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}
