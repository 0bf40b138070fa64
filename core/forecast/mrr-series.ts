// Checking a daily MRR series before forecasting: consecutive calendar days, whole non-negative minor units.
import { BadInput } from '../errors.ts';
import { dayNumber } from '../period.ts';
import type { DailyMrr } from './types.ts';

/** The MRR values of a series, oldest first; BadInput when a day is missing, repeated or out of order. */
export function mrrValues(series: readonly DailyMrr[]): number[] {
  const values: number[] = [];
  let previous: number | null = null;
  for (const { day, mrrMinor } of series) {
    const n = dayNumber(day);
    if (previous !== null && n !== previous + 1)
      throw new BadInput(
        `MRR series must have one value per consecutive day; ${day} does not follow the day before it`,
      );
    if (!Number.isSafeInteger(mrrMinor) || mrrMinor < 0)
      throw new BadInput(`MRR on ${day} must be a whole, non-negative number of minor units, not ${mrrMinor}`);
    values.push(mrrMinor);
    previous = n;
  }
  return values;
}
