// LTV = ARPU / monthly customer churn rate, the rate being the average of the last (up to) 6 full calendar
// months, the current (incomplete) month left out, as ChartMogul defines it. Pure.
import { addMonths, isMonthStart, monthStart, type Day, type Period } from '../period.ts';
import { available, notAvailable, type Figure } from './figure.ts';
import type { LtvFigures } from './types.ts';

export const LTV_MONTHS = 6;

/**
 * The up to 6 full calendar months ending on or before `end` (exclusive end of the period reported), none
 * starting before `earliest` (the first day with history, or the tier's window).
 */
export function ltvMonths(end: Day, earliest: Day): Period[] {
  const lastEnd = isMonthStart(end) ? end : monthStart(end);
  const months: Period[] = [];
  for (let i = 1; i <= LTV_MONTHS; i++) {
    const from = addMonths(lastEnd, -i);
    if (from < earliest) break;
    months.unshift({ from, to: addMonths(from, 1) });
  }
  return months;
}

export interface MonthChurn {
  period: Period;
  customersStart: number;
  churnedCustomers: number;
}

/** LTV from ARPU (minor units) and the months' customer churn; months without customers at their start are skipped. */
export function lifetimeValue(arpuMinor: Figure, months: readonly MonthChurn[]): LtvFigures {
  const counted = months.filter((m) => m.customersStart > 0);
  const periods = counted.map((m) => m.period);
  if (counted.length === 0) {
    const reason = 'no full month of history with paying customers';
    return { ltvMinor: notAvailable(reason), monthlyChurnRate: notAvailable(reason), months: periods };
  }
  const rate = counted.reduce((sum, m) => sum + m.churnedCustomers / m.customersStart, 0) / counted.length;
  const monthlyChurnRate = available(rate);
  if (!arpuMinor.available) return { ltvMinor: notAvailable(arpuMinor.reason), monthlyChurnRate, months: periods };
  if (rate === 0) {
    return {
      ltvMinor: notAvailable(`no customer churned in the last ${counted.length} full month(s)`),
      monthlyChurnRate,
      months: periods,
    };
  }
  // ARPU / average rate, to the nearest whole minor unit.
  return { ltvMinor: available(Math.round(arpuMinor.value / rate)), monthlyChurnRate, months: periods };
}
