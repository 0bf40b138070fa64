// How Pulse writes money, counts and percents, in chat, charts, report pages and the coach alike (en-US).
// Money arrives as integer minor units with its currency (the company's); the currency's own fraction digits
// (2 for USD, 0 for JPY, 3 for KWD) turn it into major units.
// The rules, also in docs/style.md#figures:
// - Cents only where the figure needs them: from 1,000 major units up, amounts are rounded to whole units
//   ("$1,200", "$12,341": cents are noise there); under 1,000 an amount shows its minor digits when it has any
//   ("$12.50", "$33.33" for an ARPU) and none when it is a whole number of units ("$12", "$0"). Signed amounts
//   follow the same rule.
// - Signs: a negative figure takes the real minus sign "−" (U+2212), never the hyphen; a signed change
//   ("delta") takes "+" when above zero and no sign at zero ("$0", "0%", "±0" for counts).
// - Above a million, short labels (chart titles, axes) go compact: "$1.2M", "$1.2k".
// Pure (Intl only), so charts/ may import it as well as bot/, server/ and core/.

const LOCALE = 'en-US';
/** The minus sign every negative figure is written with. */
export const MINUS = '\u2212';
/** From this many major units up, money is shown without its minor digits even when it has some. */
export const WHOLE_UNITS_FROM = 1_000;

const cache = new Map<string, Intl.NumberFormat>();

function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, options);
    cache.set(key, f);
  }
  return f;
}

/** ICU writes a hyphen-minus; Pulse writes "−". */
const minus = (text: string): string => text.replace(/-/g, MINUS);

function code(currency: string): string {
  const c = currency.toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : 'XXX';
}

const digitsCache = new Map<string, number>();

/** Fraction digits of a currency's minor unit: 2 for USD, 0 for JPY, 3 for KWD. */
export function fractionDigits(currency: string): number {
  // Kept per currency as written: resolvedOptions() builds a new object each call, and charts convert every
  // plotted point (hundreds a chart) with toMajor.
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    const c = code(currency);
    digits = nf(`cur:${c}`, { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits ?? 2;
    if (digitsCache.size >= 256) digitsCache.clear(); // currencies come from data: bound the cache
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Minor units to major units as a float, for plotting. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

/** "$12", "$999.50", "$1,235", "−$300", "¥1,235": minor digits only under WHOLE_UNITS_FROM and when not whole. */
export function formatMoney(minor: number, currency: string): string {
  const c = code(currency);
  const major = toMajor(Math.round(minor), c);
  const whole = Math.abs(major) >= WHOLE_UNITS_FROM || Number.isInteger(major);
  const f = whole
    ? nf(`curw:${c}`, { style: 'currency', currency: c, maximumFractionDigits: 0, minimumFractionDigits: 0 })
    : nf(`cur:${c}`, { style: 'currency', currency: c });
  return minus(f.format(major === 0 ? 0 : major));
}

/** A money change: "+$1,200", "+$12.50", "−$300", "$0". */
export function formatSignedMoney(minor: number, currency: string): string {
  const text = formatMoney(minor, currency);
  return Math.round(minor) > 0 ? `+${text}` : text;
}

/** formatMoney below a million, then compact: "$980", "$12,340", "$1.2M" (titles and subtitles). */
export function formatMoneyShort(minor: number, currency: string): string {
  return Math.abs(toMajor(minor, currency)) < 1_000_000
    ? formatMoney(minor, currency)
    : formatMoneyCompact(minor, currency);
}

/** formatMoneyShort with a sign: "+$1,200", "−$300", "+$1.2M". */
export function formatSignedMoneyShort(minor: number, currency: string): string {
  const text = formatMoneyShort(minor, currency);
  return Math.round(minor) > 0 ? `+${text}` : text;
}

/** Axis style from major units: "$1.2k", "$3M", "−$1.2k", "$0". */
export function formatMajorCompact(major: number, currency: string): string {
  const c = code(currency);
  const f = nf(`curc:${c}`, {
    style: 'currency',
    currency: c,
    notation: 'compact',
    maximumFractionDigits: 1,
    minimumFractionDigits: 0,
  });
  return minus(f.format(major).replace(/(\d)K$/, '$1k'));
}

/** "$1.2k" from minor units. */
export function formatMoneyCompact(minor: number, currency: string): string {
  return formatMajorCompact(toMajor(minor, currency), currency);
}

/** "1,234", "−12" (rounded to an integer). */
export function formatNumber(n: number): string {
  return minus(nf('int', { maximumFractionDigits: 0 }).format(n));
}

/** "950", "1.2k", "3.4M". */
export function formatCompact(n: number): string {
  return minus(
    nf('compact', { notation: 'compact', maximumFractionDigits: 1 })
      .format(n)
      .replace(/(\d)K$/, '$1k'),
  );
}

/** A count change: "+3", "−2", "±0". */
export function formatSignedCount(diff: number): string {
  const n = Math.round(diff);
  return n === 0 ? '±0' : n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

/** Fraction to percent: 0.042 -> "4.2%", -0.03 -> "−3%" (up to `digits` after the point, trailing zeros left out). */
export function formatPercent(fraction: number, digits = 1): string {
  return minus(nf(`pct:${digits}`, { style: 'percent', maximumFractionDigits: digits }).format(fraction));
}

/** A percent change: "+4.2%", "−3%", "0%". */
export function formatSignedPercent(fraction: number, digits = 1): string {
  return minus(
    nf(`spct:${digits}`, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(
      fraction,
    ),
  );
}

/** A change of a percentage in points: "+1.2 pts", "−0.5 pts", "±0 pts". */
export function formatPointsDelta(diffFraction: number): string {
  const pts = Math.round(diffFraction * 1000) / 10;
  return pts === 0 ? '±0 pts' : `${pts > 0 ? '+' : MINUS}${Math.abs(pts).toFixed(1)} pts`;
}

/** A money change with its relative size: "+$120 (+4.2%)", "+$5 (+<0.1%)"; no percent from a zero base. */
export function formatMoneyChange(nowMinor: number, beforeMinor: number, currency: string): string {
  const diff = nowMinor - beforeMinor;
  if (beforeMinor === 0) return formatSignedMoney(diff, currency);
  const rel = diff / Math.abs(beforeMinor);
  // A real change too small for one decimal still says which way it went: "+<0.1%", never a bare "0%".
  const pct = diff !== 0 && Math.abs(rel) < 0.0005 ? `${diff > 0 ? '+' : MINUS}<0.1%` : formatSignedPercent(rel);
  return `${formatSignedMoney(diff, currency)} (${pct})`;
}
