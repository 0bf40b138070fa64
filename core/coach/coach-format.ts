// How the coach writes figures: money from integer minor units in the company's currency ("$1,234.50"),
// rates as percents ("28.6%"), signed changes. core/ cannot use charts/format.ts, so this is the coach's own
// small copy of the same look (en-US, the currency's own fraction digits).

const cache = new Map<string, Intl.NumberFormat>();

function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', options);
    cache.set(key, f);
  }
  return f;
}

function code(currency: string): string {
  const c = currency.toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : 'XXX';
}

function fractionDigits(currency: string): number {
  return nf(`cur:${code(currency)}`, { style: 'currency', currency: code(currency) }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "$1,234.50", "¥1,235". */
export function money(minor: number, currency: string): string {
  const c = code(currency);
  return nf(`cur:${c}`, { style: 'currency', currency: c }).format(minor / 10 ** fractionDigits(c));
}

/** "+$12.00", "-$50.00", "$0.00". */
export function signedMoney(minor: number, currency: string): string {
  return minor > 0 ? `+${money(minor, currency)}` : money(minor, currency);
}

/** 0.2857 -> "28.6%". */
export function percent(fraction: number, digits = 1): string {
  return nf(`pct:${digits}`, { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

/** "+4.2%", "-17.2%", "0%". */
export function signedPercent(fraction: number, digits = 1): string {
  return nf(`spct:${digits}`, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(fraction);
}

/** "1 customer", "2 customers". */
export function count(n: number, unit: string, plural = `${unit}s`): string {
  return `${n} ${n === 1 ? unit : plural}`;
}

/** A money change with its relative size from a non-zero base: "-$50.00 (-17.2%)". */
export function moneyChange(nowMinor: number, beforeMinor: number, currency: string): string {
  const diff = nowMinor - beforeMinor;
  return beforeMinor === 0 ? signedMoney(diff, currency) : `${signedMoney(diff, currency)} (${signedPercent(diff / Math.abs(beforeMinor))})`;
}

/**
 * A fact object as the model reads it: every `…Minor` number becomes money text under the name without the
 * suffix (the name is kept when the shorter one is taken), every `…Rate`, `probability` and `share` number a
 * percent. Nulls (figures not available) stay null.
 */
export function presentFacts(value: unknown, currency: string): unknown {
  if (Array.isArray(value)) return value.map((v) => presentFacts(v, currency));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value instanceof Date ? value.toISOString() : value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('Minor') && key.length > 5) out[key.slice(0, -5) in value ? key : key.slice(0, -5)] = typeof v === 'number' ? money(v, currency) : v;
    else if ((key.endsWith('Rate') || key === 'probability' || key === 'share') && typeof v === 'number') out[key] = percent(v);
    else out[key] = presentFacts(v, currency);
  }
  return out;
}
