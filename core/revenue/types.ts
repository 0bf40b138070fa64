// Plain shapes of the revenue answer. Money is integer minor units of the company's reporting currency;
// rates are plain ratios (0.05 = 5%); days are calendar days in the company's time zone.
import type { Day, Period } from '../period.ts';
import type { Figure, NotAvailable } from './figure.ts';

/** One row of the revenue_daily rollup: MRR and customers at the day's end, the day's movements and cash. */
export interface DailyRevenue {
  day: Day;
  mrrMinor: number;
  customers: number;
  newMinor: number;
  reactivationMinor: number;
  expansionMinor: number;
  contractionMinor: number;
  churnMinor: number;
  /** Payments collected minus refunds issued that day. */
  revenueMinor: number;
  refundsMinor: number;
}

/** MRR at the end of a day (the forecast engine's input). */
export interface DailyMrr {
  day: Day;
  mrrMinor: number;
}

export interface MrrMovements {
  newMinor: number;
  reactivationMinor: number;
  expansionMinor: number;
  contractionMinor: number;
  churnMinor: number;
  /** new + reactivation + expansion - contraction - churn. */
  netNewMinor: number;
}

/** Customers at a period's start and how many of them churned in it. */
export interface MonthChurnCounts {
  /** Customers with MRR at the period's start (end of the day before `from`). */
  customersStart: number;
  /** Of those, how many had a churn movement in the period. */
  churnedCustomers: number;
}

/** Customer-level facts of a period, from the per-customer rollup. */
export interface CustomerBoundary extends MonthChurnCounts {
  /** MRR at the period's end of the customers who had MRR at its start. */
  retainedMrrMinor: number;
  /** MRR in past-due grace at the period's end, and its customers. */
  pastDueMinor: number;
  pastDueCustomers: number;
}

export interface PaymentFailures {
  failedCount: number;
  failedMinor: number;
  /** Failed payments paid within 30 days (by the as-of instant). */
  recoveredCount: number;
  recoveredMinor: number;
}

export interface CashFigures {
  paymentsMinor: number;
  refundsMinor: number;
  /** payments - refunds. */
  revenueMinor: number;
  /** refunds / payments. */
  refundRate: Figure;
  failedPayments: number;
  failedMinor: number;
  recoveredPayments: number;
  recoveredMinor: number;
}

export interface PeriodRevenue {
  period: Period;
  mrrStartMinor: number;
  mrrEndMinor: number;
  arrEndMinor: number;
  customersStart: number;
  customersEnd: number;
  movements: MrrMovements;
  churnedCustomers: number;
  customerChurnRate: Figure;
  grossMrrChurnRate: Figure;
  netMrrChurnRate: Figure;
  quickRatio: Figure;
  netRevenueRetention: Figure;
  /** MRR per paying customer at the period's end. */
  arpuMinor: Figure;
  cash: CashFigures;
  /** MRR at risk of involuntary churn at the period's end. */
  pastDueMrrMinor: number;
  pastDueCustomers: number;
}

export interface LtvFigures {
  ltvMinor: Figure;
  /** Average monthly customer churn rate LTV divides by. */
  monthlyChurnRate: Figure;
  /** The full months averaged. */
  months: Period[];
}

export interface RevenueReport {
  companyId: number;
  currency: string;
  timeZone: string;
  asOf: Date;
  asOfDay: Day;
  current: PeriodRevenue;
  previous: PeriodRevenue | NotAvailable;
  ltv: LtvFigures;
  /** MRR at the end of each day from the day before `from` (the start) through the day before `to` (the end). */
  mrrDaily: DailyMrr[];
  footnotes: string[];
}
