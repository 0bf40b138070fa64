// How the coach writes figures: money, percents and changes are core/format's (the same look as chat, charts
// and report pages: "$1,234", "$12.50", "−$300.00", "28.6%"), under the short names the coach's text uses;
// plus unit counts and the fact objects the model reads.
import { formatMoney, formatMoneyChange, formatNumber, formatPercent, formatSignedMoney } from '../format/index.ts';

export const money = formatMoney;
export const signedMoney = formatSignedMoney;
export const percent = formatPercent;
/** A money change with its relative size from a non-zero base: "−$50.00 (−17.2%)". */
export const moneyChange = formatMoneyChange;

/** "1 customer", "1,200 customers". */
export function count(n: number, unit: string, plural = `${unit}s`): string {
  return `${formatNumber(n)} ${n === 1 ? unit : plural}`;
}

/**
 * A fact object as the model reads it: every `…Minor` number becomes money text under the name without the
 * suffix (the name is kept when the shorter one is taken), every `…Rate`, `probability` and `share` number a
 * percent. Nulls (figures not available) stay null.
 */
export function presentFacts(value: unknown, currency: string): unknown {
  if (Array.isArray(value)) return value.map((v) => presentFacts(v, currency));
  if (value === null || typeof value !== 'object' || value instanceof Date)
    return value instanceof Date ? value.toISOString() : value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('Minor') && key.length > 5)
      out[key.slice(0, -5) in value ? key : key.slice(0, -5)] = typeof v === 'number' ? money(v, currency) : v;
    else if ((key.endsWith('Rate') || key === 'probability' || key === 'share') && typeof v === 'number')
      out[key] = percent(v);
    else out[key] = presentFacts(v, currency);
  }
  return out;
}
