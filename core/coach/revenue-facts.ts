// A period's revenue figures as coach facts: plain numbers (money in minor units, rates as ratios, null when
// a figure is not available) from core/revenue's report, with the previous period beside them.
import type { Queryable } from '../db/queryable.ts';
import { addDays, type Period } from '../period.ts';
import { revenueReport, type Figure, type MrrMovements, type PeriodRevenue, type Company } from '../revenue/index.ts';
import type { ResolvedCoachPeriod } from './coach-periods.ts';

export interface PeriodLabel {
  from: string;
  /** Last day included. */
  through: string;
}

export interface RevenueSummary {
  period: PeriodLabel;
  mrrStartMinor: number;
  mrrEndMinor: number;
  customersStart: number;
  customersEnd: number;
  movements: MrrMovements;
  churnedCustomers: number;
  customerChurnRate: number | null;
  grossMrrChurnRate: number | null;
  arpuMinor: number | null;
  /** Payments collected minus refunds issued. */
  cashRevenueMinor: number;
  refundsMinor: number;
  failedPayments: number;
  failedAmountMinor: number;
  recoveredPayments: number;
  pastDueMrrMinor: number;
  pastDueCustomers: number;
}

export interface RevenueFacts extends RevenueSummary {
  periodName: string;
  arrEndMinor: number;
  netMrrChurnRate: number | null;
  quickRatio: number | null;
  ltvMinor: number | null;
  previous: RevenueSummary | null;
  /** Why a figure is missing, the tier's cut, and how the quick ratio counts. */
  notes: string[];
}

const valueOf = (f: Figure): number | null => (f.available ? f.value : null);

export function periodLabel(p: Period): PeriodLabel {
  return { from: p.from, through: addDays(p.to, -1) };
}

export function revenueSummary(r: PeriodRevenue): RevenueSummary {
  return {
    period: periodLabel(r.period),
    mrrStartMinor: r.mrrStartMinor,
    mrrEndMinor: r.mrrEndMinor,
    customersStart: r.customersStart,
    customersEnd: r.customersEnd,
    movements: r.movements,
    churnedCustomers: r.churnedCustomers,
    customerChurnRate: valueOf(r.customerChurnRate),
    grossMrrChurnRate: valueOf(r.grossMrrChurnRate),
    arpuMinor: valueOf(r.arpuMinor),
    cashRevenueMinor: r.cash.revenueMinor,
    refundsMinor: r.cash.refundsMinor,
    failedPayments: r.cash.failedPayments,
    failedAmountMinor: r.cash.failedMinor,
    recoveredPayments: r.cash.recoveredPayments,
    pastDueMrrMinor: r.pastDueMrrMinor,
    pastDueCustomers: r.pastDueCustomers,
  };
}

/** The figures for one resolved period, or the tier's refusal as a sentence. */
export async function revenueFacts(
  db: Queryable,
  company: Company,
  period: ResolvedCoachPeriod,
  asOf: Date,
): Promise<RevenueFacts | { limit: string }> {
  const report = await revenueReport(db, company.id, { from: period.from, to: period.to, asOf });
  if (!report.ok) return { limit: report.limit.message };
  const { current, previous, ltv } = report.value;
  const notes: string[] = [];
  if (period.notice) notes.push(period.notice);
  const before = 'available' in previous ? null : previous;
  if ('available' in previous) notes.push(`No previous period to compare with: ${previous.reason}.`);
  for (const [name, f] of [
    ['customer churn rate', current.customerChurnRate],
    ['ARPU', current.arpuMinor],
    ['LTV', ltv.ltvMinor],
  ] as const) {
    if (!f.available) notes.push(`${name} not available: ${f.reason}.`);
  }
  notes.push(...report.value.footnotes);
  return {
    periodName: period.label,
    ...revenueSummary(current),
    arrEndMinor: current.arrEndMinor,
    netMrrChurnRate: valueOf(current.netMrrChurnRate),
    quickRatio: valueOf(current.quickRatio),
    ltvMinor: valueOf(ltv.ltvMinor),
    previous: before ? revenueSummary(before) : null,
    notes,
  };
}
