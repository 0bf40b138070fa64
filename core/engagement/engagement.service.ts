// engagementReport: the /engagement answer for a period, from the engagement rollups (engagement_daily,
// engagement_company_daily, activity_slots), the revenue rollup's counted members and churn predictions.
// The reads run side by side when `conn` is a pool.
import { companyById } from '../companies/company.repository.ts';
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import { addDays, localDay } from '../period.ts';
import { readRollupState } from '../revenue/rollup.repository.ts';
import { historyLimit, isTier, MEMBER_LIST_CAP, type Limited } from '../tiers/tier-limits.ts';
import { activityHeatmap } from './activity-heatmap.repository.ts';
import { memberLists } from './engagement-members.repository.ts';
import { bucketChanges, dailyAverages, fullHeatmap, type EngagementReport } from './engagement-report.ts';
import { atRiskCounts, companyDays, hasChurnPredictions, lastRolledUpDay } from './engagement.repository.ts';
import { reportPeriod, type ReportPeriodInput } from './report-period.ts';

export const defaultMemberListLimit = 50;

export interface EngagementReportOptions extends ReportPeriodInput {
  /** Members per list (top, fading); never more than the tier's cap (free: 50). */
  limit?: number;
  /** Apply the company tier's history window and list cap (default true; operators' read-outs may turn it off). */
  enforceTier?: boolean;
}

/** The report, or the tier limit when the period starts before the tier's history window. */
export async function engagementReport(
  conn: Queryable,
  companyId: number,
  options: EngagementReportOptions,
): Promise<Limited<EngagementReport>> {
  const company = await companyById(conn, companyId);
  const tz = company.timeZone;
  const tier = isTier(company.tier) ? company.tier : 'free';
  const p = reportPeriod(options, tz);
  const enforce = options.enforceTier !== false;
  const tooOld = enforce ? historyLimit(tier, localDay(options.asOf, tz), p.from) : null;
  if (tooOld) return { ok: false, limit: tooOld };
  const asked = options.limit ?? defaultMemberListLimit;
  if (!Number.isSafeInteger(asked) || asked < 0)
    throw new BadInput(`limit must be a whole number of members (0: no member lists), not ${asked}`);
  const cap = enforce ? MEMBER_LIST_CAP[tier] : null;
  const limit = cap === null ? asked : Math.min(asked, cap);
  const previousEnd = addDays(p.previous.to, -1);
  const predicted = await hasChurnPredictions(conn, companyId, options.asOf);
  const [days, atRisk, rolledUpTo, cells, lists, revenue] = await Promise.all([
    companyDays(conn, companyId, p.from, p.lastDay, [previousEnd]),
    predicted ? atRiskCounts(conn, companyId, tz, [p.lastDay, previousEnd], options.asOf) : new Map<string, number>(),
    lastRolledUpDay(conn, companyId),
    activityHeatmap(conn, companyId, tz, p.from, p.lastDay),
    limit === 0
      ? { top: [], fading: [], topTotal: 0, fadingTotal: 0 }
      : memberLists(conn, companyId, p.lastDay, p.dayBefore, limit),
    readRollupState(conn, companyId),
  ]);
  const notes: string[] = [];
  if (p.note) notes.push(p.note);
  if (!predicted) notes.push('At risk is 0: the churn model has not scored this company yet.');
  if (revenue === null)
    notes.push('No member counts yet: members are counted from the revenue rollup, which has not been built.');
  if (rolledUpTo === null || rolledUpTo < p.lastDay) {
    notes.push(
      `Engagement is rolled up to ${rolledUpTo ?? 'no day yet'}; later days count as no activity and no members.`,
    );
  }
  if (limit < asked && (lists.topTotal > limit || lists.fadingTotal > limit)) {
    notes.push(`The ${tier} plan lists ${limit} members; the counts cover everyone.`);
  }
  const report: EngagementReport = {
    companyId,
    timeZone: tz,
    asOf: options.asOf,
    period: { from: p.from, to: p.to, days: p.days },
    previousPeriod: p.previous,
    ...bucketChanges(days, p.lastDay, previousEnd, atRisk, predicted),
    dailyScore: dailyAverages(days, p.from, p.lastDay),
    heatmap: fullHeatmap(cells),
    topMembers: lists.top,
    fadingMembers: lists.fading,
    memberLists: { limit, topTotal: lists.topTotal, fadingTotal: lists.fadingTotal },
    notes,
  };
  return { ok: true, value: report };
}
