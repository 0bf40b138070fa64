// Recommended actions for a member, from the same raw feature values the factors explain. The spec's
// three (docs/metrics.md#churn-risk): 7+ days without activity -> personal re-engagement message (high); engagement score
// under 30 -> free 1-on-1 onboarding call (high); failed payment -> ask to update the payment method
// (critical). Plus: a win-back offer for a cancellation at period end (high), a course nudge when course
// progress has stalled (medium).
import { featureNames, type FeatureName } from './features.ts';

export type ActionKind =
  | 'payment_method_update'
  | 'win_back_offer'
  | 're_engagement_message'
  | 'onboarding_call'
  | 'course_nudge';
export type ActionPriority = 'critical' | 'high' | 'medium' | 'low';

export interface RecommendedAction {
  kind: ActionKind;
  priority: ActionPriority;
  /** What to do, in the creator's words. */
  text: string;
}

const priorityRank: Record<ActionPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function rawValue(raw: readonly number[], name: FeatureName): number {
  return raw[featureNames.indexOf(name)]!;
}

const days = (n: number) => `${Math.round(n)} day${Math.round(n) === 1 ? '' : 's'}`;

/** Actions in priority order (ties in the order listed above). */
export function recommendActions(raw: readonly number[]): RecommendedAction[] {
  const v = (name: FeatureName) => rawValue(raw, name);
  const out: RecommendedAction[] = [];
  if (v('past_due') > 0 || v('failed_payments_60') > 0) {
    out.push({
      kind: 'payment_method_update',
      priority: 'critical',
      text: 'Ask them to update their payment method: a renewal charge failed',
    });
  }
  if (v('cancel_at_period_end') > 0) {
    out.push({
      kind: 'win_back_offer',
      priority: 'high',
      text: `Send a win-back offer before their access ends in ${days(v('days_to_renewal'))}`,
    });
  }
  if (v('days_since_activity') >= 7) {
    out.push({ kind: 're_engagement_message', priority: 'high', text: 'Send a personal "we miss you" message' });
  }
  if (v('engagement_score') < 30) {
    out.push({ kind: 'onboarding_call', priority: 'high', text: 'Offer a free 1-on-1 onboarding call' });
  }
  if (v('course_progress') > 0 && v('progress_30') <= 0) {
    out.push({
      kind: 'course_nudge',
      priority: 'medium',
      text: 'Nudge them towards their next lesson: course progress has stalled',
    });
  }
  return out
    .map((a, i) => ({ a, i }))
    .sort((x, y) => priorityRank[x.a.priority] - priorityRank[y.a.priority] || x.i - y.i)
    .map((x) => x.a);
}
