// Reads the churn features of every counted member of one company at one or more snapshots, in one
// statement (snapshot-features.sql.ts). Scoped by company id; nothing else is read.
import type { Queryable } from '../db/queryable.ts';
import { messageKinds, progressKinds } from '../engagement/engagement-rollup.ts';
import { engagementSettingsFrom } from '../engagement/engagement-settings.ts';
import { NotFound } from '../errors.ts';
import { featureVector, LOOKBACK_DAYS, type FeatureValues, type MemberContext } from './features.ts';
import { snapshotFeaturesSql } from './snapshot-features.sql.ts';

export interface SnapshotRow {
  /** Snapshot = asOf minus this many days. */
  offsetDays: number;
  memberId: number;
  membershipId: number;
  whopUserId: string;
  membershipWhopId: string;
  /** Churned within 30 days after the snapshot; null when those 30 days are not over at asOf. */
  churned: boolean | null;
  /** Raw feature values in featureNames order. */
  raw: number[];
  context: MemberContext;
}

interface SqlRow extends Record<string, unknown> {
  off: number;
  member_id: number;
  membership_id: number;
  whop_user_id: string;
  membership_whop_id: string;
  churned: boolean | null;
  days_since_activity: number;
  activity_trend: number;
  messages_per_week: number;
  active_days_30: number;
  course_progress: number;
  progress_30: number;
  engagement_score: number;
  score_trend_14: number;
  tenure_days: number;
  mrr: number;
  billing_months: number;
  days_to_renewal: number | null;
  downgrades: number;
  cancel_at_period_end: boolean;
  past_due: boolean;
  failed_payments_60: number;
  refunds: number;
  reactivations: number;
  usual_interval: number | null;
}

export async function companySettings(conn: Queryable, companyId: number): Promise<unknown> {
  const res = await conn.query<{ settings: unknown }>('select settings from companies where id = $1', [companyId]);
  if (!res.rows[0]) throw new NotFound(`no company ${companyId}`);
  return res.rows[0].settings;
}

export async function snapshotFeatures(
  conn: Queryable,
  companyId: number,
  asOf: Date,
  offsetDays: readonly number[],
): Promise<SnapshotRow[]> {
  const { weights: w, caps: c } = engagementSettingsFrom(await companySettings(conn, companyId));
  if (offsetDays.length === 0) return [];
  const daysBefore = (days: number) => new Date(asOf.getTime() - days * 86_400_000).toISOString();
  const res = await conn.query<SqlRow>(snapshotFeaturesSql, [
    companyId,
    asOf.toISOString(),
    [...offsetDays],
    [w.messages, w.visits, w.progress, w.recency, c.messages, c.visits, c.progress, c.recencyDays],
    LOOKBACK_DAYS,
    messageKinds,
    progressKinds,
    daysBefore(Math.max(...offsetDays) + LOOKBACK_DAYS),
    daysBefore(Math.min(...offsetDays)),
  ]);
  return res.rows.map(toSnapshotRow);
}

function toSnapshotRow(r: SqlRow): SnapshotRow {
  const daysToRenewal = r.days_to_renewal ?? 0;
  const cancel = r.cancel_at_period_end ? 1 : 0;
  const values: FeatureValues = {
    days_since_activity: r.days_since_activity,
    activity_trend: r.activity_trend,
    messages_per_week: r.messages_per_week,
    active_days_30: r.active_days_30,
    course_progress: r.course_progress,
    progress_30: r.progress_30,
    engagement_score: r.engagement_score,
    score_trend_14: r.score_trend_14,
    tenure_days: r.tenure_days,
    mrr: r.mrr,
    billing_months: r.billing_months,
    days_to_renewal: daysToRenewal,
    renews_within_30d: daysToRenewal <= 30 ? 1 : 0,
    cancel_at_period_end: cancel,
    cancel_ends_within_30d: cancel && daysToRenewal <= 30 ? 1 : 0,
    past_due: r.past_due ? 1 : 0,
    failed_payments_60: r.failed_payments_60,
    refunds: r.refunds,
    reactivations: r.reactivations,
    downgrades: r.downgrades,
  };
  return {
    offsetDays: r.off,
    memberId: r.member_id,
    membershipId: r.membership_id,
    whopUserId: r.whop_user_id,
    membershipWhopId: r.membership_whop_id,
    churned: r.churned,
    raw: featureVector(values).map(Number),
    context: { usualActiveIntervalDays: r.usual_interval },
  };
}
