// The churn model's features, in column order: one line each on what it measures (features.md says the
// same for people). Every value is computed at a snapshot instant from data strictly before it.
// `transform` is applied before standardising; the raw value is kept for explanations.

export const featureNames = [
  'days_since_activity',
  'activity_trend',
  'messages_per_week',
  'active_days_30',
  'course_progress',
  'progress_30',
  'engagement_score',
  'score_trend_14',
  'tenure_days',
  'mrr',
  'billing_months',
  'days_to_renewal',
  'renews_within_30d',
  'cancel_at_period_end',
  'cancel_ends_within_30d',
  'past_due',
  'failed_payments_60',
  'refunds',
  'reactivations',
  'downgrades',
] as const;
export type FeatureName = (typeof featureNames)[number];

export interface FeatureSpec {
  /** One line: what the value is. */
  meaning: string;
  transform: 'none' | 'log1p';
}

export const featureSpecs: Record<FeatureName, FeatureSpec> = {
  days_since_activity: {
    meaning: 'days since the last activity of any kind (0 = in the last 24 h), capped at the 60-day look-back',
    transform: 'log1p',
  },
  activity_trend: {
    meaning:
      'ln((events in the last 7 days + 1) / (events in the 21 days before, scaled to 7 days, + 1)): below 0 = slowing down against their own rate',
    transform: 'none',
  },
  messages_per_week: { meaning: 'chat messages and forum posts in the last 28 days / 4', transform: 'log1p' },
  active_days_30: { meaning: 'distinct days with any activity in the last 30 days', transform: 'none' },
  course_progress: {
    meaning: 'course lessons completed before the snapshot, as a percentage of all lessons (0-100)',
    transform: 'none',
  },
  progress_30: { meaning: 'course progress gained in the last 30 days (percentage points)', transform: 'none' },
  engagement_score: {
    meaning: 'engagement score 0-100 at the snapshot (docs/metrics.md#engagement-score formula, default weights)',
    transform: 'none',
  },
  score_trend_14: { meaning: 'engagement score now minus 14 days earlier', transform: 'none' },
  tenure_days: { meaning: 'days since the current subscription started', transform: 'log1p' },
  mrr: {
    meaning: "the subscription's monthly value (MRR, major currency units) on its current plan",
    transform: 'log1p',
  },
  billing_months: { meaning: 'billing period in months (1, 3, 6, 12)', transform: 'none' },
  days_to_renewal: { meaning: 'days until the current paid period ends (0 when overdue)', transform: 'none' },
  renews_within_30d: {
    meaning: '1 when the current period ends within 30 days (a renewal falls inside the window)',
    transform: 'none',
  },
  cancel_at_period_end: { meaning: '1 when the member asked to cancel at the end of the period', transform: 'none' },
  cancel_ends_within_30d: { meaning: '1 when that cancellation takes effect within 30 days', transform: 'none' },
  past_due: { meaning: '1 when a renewal charge failed and is still unpaid', transform: 'none' },
  failed_payments_60: {
    meaning: 'charges that failed at least once, attempted in the last 60 days',
    transform: 'none',
  },
  refunds: { meaning: 'payments refunded (fully or partly) before the snapshot', transform: 'none' },
  reactivations: {
    meaning: 'times the member subscribed again after an earlier subscription had ended',
    transform: 'none',
  },
  downgrades: { meaning: 'renewals on a plan worth less per month than the one before', transform: 'none' },
};

export const featureCount = featureNames.length;

/** Days of activity history each snapshot looks back over (and the cap of days_since_activity). */
export const LOOKBACK_DAYS = 60;

/** Feature values by name plus context used only for explanations (not model inputs). */
export type FeatureValues = Record<FeatureName, number>;
export interface MemberContext {
  /** Mean days between active days over the 60-day look-back (null with fewer than two active days). */
  usualActiveIntervalDays: number | null;
}

export function featureVector(values: FeatureValues): number[] {
  return featureNames.map((n) => values[n]);
}

/** The model's input row: the transform of each raw value. */
export function modelInput(raw: readonly number[]): number[] {
  return raw.map((v, j) => (featureSpecs[featureNames[j]!].transform === 'log1p' ? Math.log1p(Math.max(0, v)) : v));
}
