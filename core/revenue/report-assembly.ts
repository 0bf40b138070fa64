// Assembling the revenue answer from a source of daily rows, customer-level boundary facts and payment
// failures. The rollup (revenue.service.ts) is the source in production; anything that yields the same
// facts (the load-and-reduce baseline of the benchmark) yields the same report. No database here.
import { addDays, previousPeriod, type Day, type Period } from '../period.ts';
import { notAvailable } from './figure.ts';
import { lifetimeValue, ltvMonths } from './ltv.ts';
import { dailyIndex, periodRevenue } from './period-revenue.ts';
import type {
  CustomerBoundary,
  DailyMrr,
  DailyRevenue,
  MonthChurnCounts,
  PaymentFailures,
  RevenueReport,
} from './types.ts';

export interface RevenueSource {
  /** Daily rows for the days [from, through]; days before the first row have no MRR and no money. */
  daily(from: Day, through: Day): Promise<DailyRevenue[]>;
  /** Customers at start, churned, retained MRR and past due, per period. */
  customerBoundaries(periods: readonly Period[]): Promise<CustomerBoundary[]>;
  /** Customers at start and churned only (cheaper), per period. */
  churnCounts(periods: readonly Period[]): Promise<MonthChurnCounts[]>;
  paymentFailures(periods: readonly Period[]): Promise<PaymentFailures[]>;
}

export interface ReportFrame {
  companyId: number;
  currency: string;
  timeZone: string;
  asOf: Date;
  asOfDay: Day;
  period: Period;
  /** First day the company's tier lets the report look at. */
  earliest: Day;
}

export const QUICK_RATIO_FOOTNOTE =
  'Quick ratio = (new + reactivation + expansion) / (churn + contraction); reactivation is counted in the numerator (Baremetrics leaves it out).';

export async function assembleRevenueReport(source: RevenueSource, frame: ReportFrame): Promise<RevenueReport> {
  const { period, earliest } = frame;
  const previous = previousPeriod(period);
  const hasPrevious = previous.from >= earliest;
  const periods = hasPrevious ? [period, previous] : [period];
  const months = ltvMonths(period.to, earliest);
  const firstFrom = periods.reduce((min, p) => (p.from < min ? p.from : min), period.from);
  const [rows, boundaries, monthCounts, failures] = await Promise.all([
    source.daily(addDays(firstFrom, -1), addDays(period.to, -1)),
    source.customerBoundaries(periods),
    source.churnCounts(months),
    source.paymentFailures(periods),
  ]);
  const daily = dailyIndex(rows);
  const current = periodRevenue(period, daily, boundaries[0]!, failures[0]!);
  return {
    companyId: frame.companyId,
    currency: frame.currency,
    timeZone: frame.timeZone,
    asOf: frame.asOf,
    asOfDay: frame.asOfDay,
    current,
    previous: hasPrevious
      ? periodRevenue(previous, daily, boundaries[1]!, failures[1]!)
      : notAvailable(
          `the previous period (${previous.from} to ${addDays(previous.to, -1)}) is outside the history this plan keeps`,
        ),
    ltv: lifetimeValue(
      current.arpuMinor,
      months.map((m, i) => ({ period: m, ...monthCounts[i]! })),
    ),
    mrrDaily: dailyMrrSeries(rows, addDays(period.from, -1), period.to),
    footnotes: [QUICK_RATIO_FOOTNOTE],
  };
}

/** MRR at the end of each day in [from, to), 0 on days without a row (before the company's first). */
export function dailyMrrSeries(rows: readonly DailyRevenue[], from: Day, to: Day): DailyMrr[] {
  const byDay = new Map(rows.map((r) => [r.day, r.mrrMinor]));
  const out: DailyMrr[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) out.push({ day, mrrMinor: byDay.get(day) ?? 0 });
  return out;
}
