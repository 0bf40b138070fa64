// A figure that may be unavailable: a rate over a zero denominator, an LTV with no churn to divide by.
// Unavailable figures carry the reason and show as "—"; they are never 0, NaN or Infinity.
import { divideRoundHalfUp } from './mrr-contribution.ts';

export interface Available {
  available: true;
  value: number;
}

export interface NotAvailable {
  available: false;
  /** Why, in words a creator understands. */
  reason: string;
  display: '—';
}

export type Figure = Available | NotAvailable;

export function available(value: number): Available {
  if (!Number.isFinite(value)) throw new Error(`figure must be finite, got ${value}`);
  return { available: true, value };
}

export function notAvailable(reason: string): NotAvailable {
  return { available: false, reason, display: '—' };
}

/** numerator / denominator as a plain ratio (0.05 = 5%); unavailable with `reason` when the denominator is 0. */
export function ratio(numerator: number, denominator: number, reason: string): Figure {
  return denominator === 0 ? notAvailable(reason) : available(numerator / denominator);
}

/** Money divided by a count, whole minor units rounded half up (half away from zero for negatives). */
export function moneyPer(amountMinor: number, count: number, reason: string): Figure {
  if (count === 0) return notAvailable(reason);
  const sign = Math.sign(amountMinor) * Math.sign(count);
  return available(sign * divideRoundHalfUp(Math.abs(amountMinor), Math.abs(count)));
}

/** The value of an available figure, or null. */
export function valueOf(figure: Figure): number | null {
  return figure.available ? figure.value : null;
}
