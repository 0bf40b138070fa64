// The digest's headline figures, through the same calls as /revenue and /engagement (loadRevenue,
// engagementReport, the churn list): MRR, net new MRR, active members and at-risk members, each with the
// previous period's value; daily = yesterday vs the day before, weekly = the last 7 days vs the 7 before, in
// the company's time zone.
import { engagementReport } from '../../core/engagement/engagement.service.ts';
import { addDays, localDay, type Period } from '../../core/period.ts';
import { mrrSeries, readRollupState, type Company } from '../../core/revenue/index.ts';
import { earliestQueryableDay, HISTORY_DAYS, tierLimitError } from '../../core/tiers/tier-limits.ts';
import type { BotDeps } from '../deps.ts';
import { loadRevenue, type RevenueData } from '../parts/revenue-data.ts';
import type { DailyMrr } from '../../core/revenue/index.ts';

export type DigestKind = 'daily' | 'weekly';

export interface DigestFigures {
  period: Period;
  /** The instant the figures are as of (the revenue rollup's, when it covers the whole period). */
  dataAsOf: Date;
  revenue: RevenueData;
  /** MRR at the end of the previous period (= at the start of this one). */
  previousMrrMinor: number;
  previousNetNewMinor: number | null;
  active: { now: number; previous: number };
  atRisk: { now: number; previous: number; scored: boolean };
  /** Daily MRR of the last 30 days (within the tier's history), for the chart. */
  mrrDaily: DailyMrr[];
  notices: string[];
}

/** The days a digest covers, ending with yesterday (company time zone), cut to the tier's history. */
export function digestPeriod(kind: DigestKind, today: string, earliest: string): { period: Period; clipped: boolean } {
  const from = addDays(today, kind === 'daily' ? -1 : -7);
  return from >= earliest
    ? { period: { from, to: today }, clipped: false }
    : { period: { from: earliest, to: today }, clipped: true };
}

/**
 * The rollup's own instant when it already covers every day before today (a retry later on may find a newer
 * one: it is used rather than rebuilding the rollup backwards); else `asOf`, rebuilding the rollup to it.
 */
async function figuresAsOf(deps: BotDeps, company: Company, asOf: Date): Promise<Date> {
  const state = await readRollupState(deps.db, company.id);
  const today = localDay(asOf, company.timeZone);
  return state && localDay(state.asOf, company.timeZone) >= today ? state.asOf : asOf;
}

export async function digestFigures(
  deps: BotDeps,
  company: Company,
  kind: DigestKind,
  asOf: Date,
): Promise<DigestFigures> {
  const dataAsOf = await figuresAsOf(deps, company, asOf);
  const today = localDay(asOf, company.timeZone);
  const earliest = earliestQueryableDay(company.tier, today);
  const { period, clipped } = digestPeriod(kind, today, earliest);
  const revenue = await loadRevenue(deps, company, period, dataAsOf, { forecast: false });
  const limited = await engagementReport(deps.db, company.id, { ...period, asOf: dataAsOf, limit: 1 });
  if (!limited.ok) throw tierLimitError(limited.limit);
  const e = limited.value;
  const prev = revenue.report.previous;
  const chartFrom = addDays(today, -30) >= earliest ? addDays(today, -30) : earliest;
  const mrrDaily = await mrrSeries(deps.db, company.id, { asOf: dataAsOf, from: chartFrom, to: today });
  return {
    period,
    dataAsOf,
    revenue,
    mrrDaily,
    previousMrrMinor: revenue.report.current.mrrStartMinor,
    previousNetNewMinor: 'available' in prev ? null : prev.movements.netNewMinor,
    active: { now: e.active.now, previous: e.active.previous },
    atRisk: { now: e.atRisk.now, previous: e.atRisk.previous, scored: e.atRisk.source === 'churn-model' },
    notices: clipped
      ? [
          `The ${company.tier} plan keeps ${HISTORY_DAYS[company.tier]} days of history, so this digest starts on ${earliest}.`,
        ]
      : [],
  };
}
