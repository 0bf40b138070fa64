// The /revenue answer in one call: MRR at start and end, ARR, movements, rates, ARPU, LTV, cash, failed and
// recovered payments, past-due MRR, the previous period, and the daily MRR series for the chart. Figures
// come from the company's revenue rollup as of `asOf` (rebuilt first when it is as of another instant).
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import { addDays, localDay, parsePeriod, type Day, type Period } from '../period.ts';
import { earliestQueryableDay, historyLimit, type Limited } from '../tiers/tier-limits.ts';
import { companyById, type Company } from '../companies/company.repository.ts';
import { assembleRevenueReport, dailyMrrSeries, type RevenueSource } from './report-assembly.ts';
import { churnCounts, customerBoundaries, dailyRevenueRows, paymentFailures } from './revenue.repository.ts';
import { ensureRevenueRollup, readLockedRevenueRollup, readRollupState } from './rollup.repository.ts';
import type { DailyMrr, RevenueReport } from './types.ts';

export { QUICK_RATIO_FOOTNOTE } from './report-assembly.ts';

export interface RevenueQuery {
  /** First day of the period (company time zone). */
  from: Day;
  /** First day after the period; at most the day after asOf's day. */
  to: Day;
  /** The instant the figures are as of: nothing after it is seen. */
  asOf: Date;
  /** Rebuild the rollup even when it is already as of `asOf` (after data for earlier instants arrived). */
  rebuild?: boolean;
  /** Apply the company tier's history window (default true; operators' read-outs may turn it off). */
  enforceTier?: boolean;
}

/** Checks a period against the company's clock: BadInput for a bad date, an empty period or one ending after asOf's day. */
export function checkRevenueQuery(
  company: Company,
  q: Pick<RevenueQuery, 'from' | 'to' | 'asOf'>,
): { period: Period; asOfDay: Day } {
  if (!(q.asOf instanceof Date) || Number.isNaN(q.asOf.getTime())) throw new BadInput('asOf must be a valid instant');
  const period = parsePeriod(q.from, q.to);
  const asOfDay = localDay(q.asOf, company.timeZone);
  if (period.to > addDays(asOfDay, 1)) {
    throw new BadInput(
      `period must end by ${addDays(asOfDay, 1)} (the day after ${asOfDay}, today in ${company.timeZone}); got to ${period.to}`,
    );
  }
  return { period, asOfDay };
}

/** The rollup as a report source. */
export function rollupSource(db: Queryable, companyId: number): RevenueSource {
  return {
    daily: (from, through) => dailyRevenueRows(db, companyId, from, through),
    customerBoundaries: (periods) => customerBoundaries(db, companyId, periods),
    churnCounts: (periods) => churnCounts(db, companyId, periods),
    paymentFailures: (periods) => paymentFailures(db, companyId, periods),
  };
}

export async function revenueReport(
  db: Queryable,
  companyId: number,
  q: RevenueQuery,
): Promise<Limited<RevenueReport>> {
  const company = await companyById(db, companyId);
  const { period, asOfDay } = checkRevenueQuery(company, q);
  const enforce = q.enforceTier !== false;
  const limit = enforce ? historyLimit(company.tier, asOfDay, period.from) : null;
  if (limit) return { ok: false, limit };
  const frame = {
    companyId,
    currency: company.currency,
    timeZone: company.timeZone,
    asOf: q.asOf,
    asOfDay,
    period,
    earliest: enforce ? earliestQueryableDay(company.tier, asOfDay) : '0001-01-01',
  };
  const state = await ensureRevenueRollup(db, companyId, q.asOf, { rebuild: q.rebuild });
  // Read without a lock (the reads run in parallel), then check nobody replaced the rollup meanwhile;
  // if somebody did, read again inside a transaction that holds the rollup lock.
  const report = await assembleRevenueReport(rollupSource(db, companyId), frame);
  const after = await readRollupState(db, companyId);
  if (after && after.asOf.getTime() === q.asOf.getTime() && after.builtAt.getTime() === state.builtAt.getTime())
    return { ok: true, value: report };
  return {
    ok: true,
    value: await readLockedRevenueRollup(db, companyId, q.asOf, (tx) =>
      assembleRevenueReport(rollupSource(tx, companyId), frame),
    ),
  };
}

/**
 * Daily MRR (end of each day, company time zone) for the days [from, to), as of `asOf`; `from` defaults to
 * the first day with revenue, `to` to the day after asOf's day. The whole history: presenters show only
 * what the company's tier allows.
 */
export async function mrrSeries(
  db: Queryable,
  companyId: number,
  q: { asOf: Date; from?: Day; to?: Day },
): Promise<DailyMrr[]> {
  const company = await companyById(db, companyId);
  const asOfDay = localDay(q.asOf, company.timeZone);
  return readLockedRevenueRollup(db, companyId, q.asOf, async (tx) => {
    const state = await readRollupState(tx, companyId);
    const to = q.to ?? addDays(asOfDay, 1);
    const from = q.from ?? state?.firstDay ?? to;
    if (from === to) return [];
    const { period } = checkRevenueQuery(company, { from, to, asOf: q.asOf });
    const rows = await dailyRevenueRows(tx, companyId, period.from, addDays(period.to, -1));
    return dailyMrrSeries(rows, period.from, period.to);
  });
}
