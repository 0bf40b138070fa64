// A subscription's MRR contribution (docs/metrics.md#mrr): its price spread over months, as ChartMogul and
// ProfitWell do. Usual periods snap to whole months (28-31 days = 1, 89-92 = 3, 180-184 = 6, 360-366 = 12);
// any other period is price * (365 / 12) / days. Results are whole minor units, rounded half up (an exact
// half cent goes up), once per subscription: every MRR total and movement is a sum of these integers.
// `mrrContributionSql` is the same rule as SQL text, so the database and this file cannot disagree.
import { BadInput } from '../errors.ts';

/** [min days, max days, months]: billing periods counted as whole months. */
export const SNAPPED_PERIODS: ReadonlyArray<readonly [number, number, number]> = [
  [28, 31, 1],
  [89, 92, 3],
  [180, 184, 6],
  [360, 366, 12],
];

/** Whole months a billing period counts as, or null when it does not snap. */
export function snappedMonths(billingPeriodDays: number): number | null {
  for (const [min, max, months] of SNAPPED_PERIODS) {
    if (billingPeriodDays >= min && billingPeriodDays <= max) return months;
  }
  return null;
}

/** n / d rounded to the nearest integer, halves up, for n >= 0 and d > 0 (exact in integers). */
export function divideRoundHalfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

/** Monthly recurring revenue of one subscription, minor units. */
export function mrrContribution(priceMinor: number, billingPeriodDays: number): number {
  if (!Number.isSafeInteger(priceMinor) || priceMinor < 0)
    throw new BadInput(`price must be whole non-negative minor units, not ${priceMinor}`);
  if (!Number.isInteger(billingPeriodDays) || billingPeriodDays <= 0)
    throw new BadInput(`billing period must be a positive number of days, not ${billingPeriodDays}`);
  const months = snappedMonths(billingPeriodDays);
  if (months !== null) return divideRoundHalfUp(priceMinor, months);
  return divideRoundHalfUp(priceMinor * 365, 12 * billingPeriodDays);
}

/**
 * The same rule in SQL over two bigint/int expressions (price >= 0, days > 0); integer division on
 * non-negative bigints truncates, which is the floor the rounding needs.
 */
export function mrrContributionSql(price: string, days: string): string {
  const snaps = SNAPPED_PERIODS.map(
    ([min, max, months]) =>
      `when ${days} between ${min} and ${max} then (2 * (${price})::bigint + ${months}) / ${2 * months}`,
  ).join(' ');
  return `(case ${snaps} else (2 * (${price})::bigint * 365 + 12 * (${days})) / (24 * (${days})) end)`;
}
