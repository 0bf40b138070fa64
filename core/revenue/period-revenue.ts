// The figures of one period from the daily rollup and the customer-level facts
// (docs/metrics.md#mrr-movements and docs/metrics.md#rates). Pure: no database, no clock.
import { addDays, type Day, type Period } from '../period.ts';
import { moneyPer, ratio } from './figure.ts';
import type { CustomerBoundary, DailyRevenue, MrrMovements, PaymentFailures, PeriodRevenue } from './types.ts';

/** Daily rows by day; a day before the first row has no MRR and no money. */
export interface DailyIndex {
  on(day: Day): DailyRevenue | undefined;
  between(from: Day, to: Day): DailyRevenue[];
}

export function dailyIndex(rows: readonly DailyRevenue[]): DailyIndex {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const sorted = [...rows].sort((a, b) => (a.day < b.day ? -1 : 1));
  return {
    on: (day) => byDay.get(day),
    between: (from, to) => sorted.filter((row) => row.day >= from && row.day < to),
  };
}

/** Sum of the daily movements of the days [from, to). */
export function sumMovements(rows: readonly DailyRevenue[]): MrrMovements {
  const m = { newMinor: 0, reactivationMinor: 0, expansionMinor: 0, contractionMinor: 0, churnMinor: 0 };
  for (const row of rows) {
    m.newMinor += row.newMinor;
    m.reactivationMinor += row.reactivationMinor;
    m.expansionMinor += row.expansionMinor;
    m.contractionMinor += row.contractionMinor;
    m.churnMinor += row.churnMinor;
  }
  return { ...m, netNewMinor: m.newMinor + m.reactivationMinor + m.expansionMinor - m.contractionMinor - m.churnMinor };
}

const NO_START_MRR = 'no MRR at the start of the period';
const NO_START_CUSTOMERS = 'no paying customers at the start of the period';

export function periodRevenue(
  period: Period,
  daily: DailyIndex,
  customers: CustomerBoundary,
  failures: PaymentFailures,
): PeriodRevenue {
  const start = daily.on(addDays(period.from, -1));
  const end = daily.on(addDays(period.to, -1));
  const rows = daily.between(period.from, period.to);
  const movements = sumMovements(rows);
  const mrrStartMinor = start?.mrrMinor ?? 0;
  const mrrEndMinor = end?.mrrMinor ?? 0;
  const customersEnd = end?.customers ?? 0;
  const m = movements;
  const refundsMinor = rows.reduce((sum, row) => sum + row.refundsMinor, 0);
  const revenueMinor = rows.reduce((sum, row) => sum + row.revenueMinor, 0);
  const paymentsMinor = revenueMinor + refundsMinor;
  return {
    period,
    mrrStartMinor,
    mrrEndMinor,
    arrEndMinor: mrrEndMinor * 12,
    customersStart: start?.customers ?? 0,
    customersEnd,
    movements,
    churnedCustomers: customers.churnedCustomers,
    customerChurnRate: ratio(customers.churnedCustomers, customers.customersStart, NO_START_CUSTOMERS),
    grossMrrChurnRate: ratio(m.churnMinor + m.contractionMinor, mrrStartMinor, NO_START_MRR),
    netMrrChurnRate: ratio(
      m.churnMinor + m.contractionMinor - m.expansionMinor - m.reactivationMinor,
      mrrStartMinor,
      NO_START_MRR,
    ),
    quickRatio: ratio(
      m.newMinor + m.reactivationMinor + m.expansionMinor,
      m.churnMinor + m.contractionMinor,
      'no churned or contracted MRR in the period',
    ),
    netRevenueRetention: ratio(customers.retainedMrrMinor, mrrStartMinor, NO_START_MRR),
    arpuMinor: moneyPer(mrrEndMinor, customersEnd, 'no paying customers at the end of the period'),
    cash: {
      paymentsMinor,
      refundsMinor,
      revenueMinor,
      refundRate: ratio(refundsMinor, paymentsMinor, 'no payments in the period'),
      failedPayments: failures.failedCount,
      failedMinor: failures.failedMinor,
      recoveredPayments: failures.recoveredCount,
      recoveredMinor: failures.recoveredMinor,
    },
    pastDueMrrMinor: customers.pastDueMinor,
    pastDueCustomers: customers.pastDueCustomers,
  };
}
