// The rule-based churn score: what scores a company's members when no model can be trained at all (too little
// labelled history here, and none pooled from other communities yet), so a newly linked company never has "no
// scores". Deterministic: points from the same features the models read (features.ts), summed and mapped to a
// probability band whose risk level is the one the table in features.md and docs/metrics.md#churn-risk ("Rule-based churn score")
// states. It claims no accuracy: it is a triage order, named as rule-based wherever a score is shown.
import { featureNames, type FeatureName } from './features.ts';
import { rawValue } from './actions.ts';

export interface ScoreRule {
  feature: FeatureName;
  /** The rule in words (features.md and docs/metrics.md carry the same table). */
  when: string;
  /** Points this member earns from the rule (0 when it does not apply). */
  points(raw: readonly number[]): number;
}

const v = (raw: readonly number[], name: FeatureName) => rawValue(raw, name);

/** The rules, in the order the table lists them. */
export const SCORE_RULES: readonly ScoreRule[] = [
  {
    feature: 'cancel_ends_within_30d',
    when: 'asked to cancel and access ends within 30 days: 5',
    points: (r) => (v(r, 'cancel_ends_within_30d') >= 1 ? 5 : 0),
  },
  {
    feature: 'cancel_at_period_end',
    when: 'asked to cancel, access ends later: 4',
    points: (r) => (v(r, 'cancel_at_period_end') >= 1 && v(r, 'cancel_ends_within_30d') < 1 ? 4 : 0),
  },
  {
    feature: 'past_due',
    when: 'a renewal charge failed and is still unpaid: 3',
    points: (r) => (v(r, 'past_due') >= 1 ? 3 : 0),
  },
  {
    feature: 'failed_payments_60',
    when: 'charges that failed in the last 60 days: 1 each, at most 2',
    points: (r) => Math.min(2, Math.max(0, Math.round(v(r, 'failed_payments_60')))),
  },
  {
    feature: 'days_since_activity',
    when: 'no activity for 30 days or more: 2; for 14 to 29 days: 1',
    points: (r) => (v(r, 'days_since_activity') >= 30 ? 2 : v(r, 'days_since_activity') >= 14 ? 1 : 0),
  },
  {
    feature: 'renews_within_30d',
    when: 'a renewal charge falls within the next 30 days: 1',
    points: (r) => (v(r, 'renews_within_30d') >= 1 ? 1 : 0),
  },
  {
    feature: 'tenure_days',
    when: 'subscribed less than 30 days ago: 1',
    points: (r) => (v(r, 'tenure_days') < 30 ? 1 : 0),
  },
];

/**
 * Probability by total points: 0 -> 0.10, 1 -> 0.20 (low), 2 -> 0.40 (medium), 3-4 -> 0.60 (high), 5 or more ->
 * 0.80 (critical). Each sits inside its risk band of risk.ts, away from the cut-offs.
 */
export const POINT_BANDS: ReadonlyArray<{ minPoints: number; probability: number }> = [
  { minPoints: 5, probability: 0.8 },
  { minPoints: 3, probability: 0.6 },
  { minPoints: 2, probability: 0.4 },
  { minPoints: 1, probability: 0.2 },
  { minPoints: 0, probability: 0.1 },
];

/** Bumped whenever a rule or a band changes: stored with the rules "run" the predictions point at. */
export const RULE_SCORE_VERSION = 1;

export interface RuleScore {
  points: number;
  probability: number;
  /** Points per feature, in featureNames order (the explanation's "contributions"). */
  contributions: number[];
}

export function ruleScore(raw: readonly number[]): RuleScore {
  const contributions = featureNames.map(() => 0);
  let points = 0;
  for (const rule of SCORE_RULES) {
    const p = rule.points(raw);
    const j = featureNames.indexOf(rule.feature);
    contributions[j] = (contributions[j] ?? 0) + p;
    points += p;
  }
  const band = POINT_BANDS.find((b) => points >= b.minPoints)!;
  return { points, probability: band.probability, contributions };
}
