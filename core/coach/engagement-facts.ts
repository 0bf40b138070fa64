// A period's engagement headline as coach facts: counted members, active / idle / dormant / at-risk counts
// and the average score at the end of the period and of the previous one (core/engagement's report).
import type { Queryable } from '../db/queryable.ts';
import { engagementReport } from '../engagement/engagement.service.ts';
import type { ResolvedCoachPeriod } from './coach-periods.ts';
import { periodLabel, type PeriodLabel } from './revenue-facts.ts';

export interface NowAndBefore {
  now: number;
  previous: number;
}

export interface EngagementFacts {
  period: PeriodLabel;
  members: NowAndBefore;
  /** Activity in the last 7 days. */
  active: NowAndBefore;
  /** Last activity 7-29 days ago. */
  idle: NowAndBefore;
  /** No activity for 30+ days. */
  dormant: NowAndBefore;
  /** Churn risk high or critical. */
  atRisk: NowAndBefore;
  /** 0-100, one decimal; null with no counted member. */
  averageScore: { now: number | null; previous: number | null };
  notes: string[];
}

const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const pair = (c: { now: number; previous: number }): NowAndBefore => ({ now: c.now, previous: c.previous });

export async function engagementFacts(
  db: Queryable,
  companyId: number,
  period: ResolvedCoachPeriod,
  asOf: Date,
): Promise<EngagementFacts | { limit: string }> {
  // The member lists are not used here: one row each keeps the query small.
  const report = await engagementReport(db, companyId, { from: period.from, to: period.to, asOf, limit: 1 });
  if (!report.ok) return { limit: report.limit.message };
  const r = report.value;
  return {
    period: periodLabel(r.period),
    members: pair(r.members),
    active: pair(r.active),
    idle: pair(r.idle),
    dormant: pair(r.dormant),
    atRisk: pair(r.atRisk),
    averageScore: { now: oneDecimal(r.averageScore.now), previous: oneDecimal(r.averageScore.previous) },
    notes: r.notes,
  };
}
