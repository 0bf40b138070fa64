// Explanations and recommended actions for hand-built members.
import { describe, expect, it } from 'vitest';
import { recommendActions } from '../../core/churn/actions.ts';
import { factorSentence, topFactors } from '../../core/churn/explain.ts';
import { featureNames, featureVector, type FeatureValues } from '../../core/churn/features.ts';
import { riskLevel } from '../../core/churn/risk.ts';

const engaged: FeatureValues = {
  days_since_activity: 0,
  activity_trend: 0,
  messages_per_week: 6,
  active_days_30: 20,
  course_progress: 60,
  progress_30: 25,
  engagement_score: 72,
  score_trend_14: 2,
  tenure_days: 200,
  mrr: 29.99,
  billing_months: 1,
  days_to_renewal: 12,
  renews_within_30d: 1,
  cancel_at_period_end: 0,
  cancel_ends_within_30d: 0,
  past_due: 0,
  failed_payments_60: 0,
  refunds: 0,
  reactivations: 0,
  downgrades: 0,
};
const member = (changes: Partial<FeatureValues>) => featureVector({ ...engaged, ...changes });
const at = (name: (typeof featureNames)[number]) => featureNames.indexOf(name);

describe('factor sentences', () => {
  it('says how long a member has been quiet against their usual rhythm', () => {
    const raw = member({ days_since_activity: 12 });
    expect(factorSentence('days_since_activity', raw, { usualActiveIntervalDays: 2.2 })).toBe(
      'no activity for 12 days; usually active every 2 days',
    );
    expect(factorSentence('days_since_activity', raw, { usualActiveIntervalDays: null })).toBe(
      'no activity for 12 days',
    );
    expect(
      factorSentence('days_since_activity', member({ days_since_activity: 60 }), { usualActiveIntervalDays: 3 }),
    ).toBe('no activity in the last 60 days');
  });
  it('words payments, cancellations and slow-downs', () => {
    expect(
      factorSentence('cancel_at_period_end', member({ cancel_at_period_end: 1, days_to_renewal: 9 }), {
        usualActiveIntervalDays: null,
      }),
    ).toBe('asked to cancel; access ends in 9 days');
    expect(
      factorSentence('failed_payments_60', member({ failed_payments_60: 2 }), { usualActiveIntervalDays: null }),
    ).toBe('2 failed payments in the last 60 days');
    // ln(1/4): a quarter of the usual pace = 75% below
    expect(
      factorSentence('activity_trend', member({ activity_trend: Math.log(0.25) }), { usualActiveIntervalDays: null }),
    ).toBe('activity this week is 75% below their usual pace');
  });
});

describe('top factors', () => {
  it('keeps the largest risk-raising contributions, largest first, at most three', () => {
    const raw = member({ days_since_activity: 12, engagement_score: 10, past_due: 1 });
    const contributions = featureNames.map(() => 0);
    contributions[at('days_since_activity')] = 0.9;
    contributions[at('engagement_score')] = 0.4;
    contributions[at('past_due')] = 1.6;
    contributions[at('mrr')] = 0.2;
    contributions[at('tenure_days')] = -2; // lowers the risk: never a reason
    const factors = topFactors(contributions, raw, { usualActiveIntervalDays: 2 });
    expect(factors.map((f) => f.feature)).toEqual(['past_due', 'days_since_activity', 'engagement_score']);
    expect(factors[0]!.sentence).toBe('last renewal payment failed and is still unpaid');
    expect(factors[1]!.value).toBe(12);
  });
  it('says one story once: a cancellation, not also the renewal it cancels', () => {
    const raw = member({
      cancel_at_period_end: 1,
      cancel_ends_within_30d: 1,
      days_to_renewal: 5,
      days_since_activity: 20,
    });
    const contributions = featureNames.map(() => 0);
    contributions[at('cancel_ends_within_30d')] = 3;
    contributions[at('cancel_at_period_end')] = 2;
    contributions[at('renews_within_30d')] = 1;
    contributions[at('days_since_activity')] = 0.5;
    expect(topFactors(contributions, raw, { usualActiveIntervalDays: null }).map((f) => f.sentence)).toEqual([
      'cancellation takes effect in 5 days',
      'no activity for 20 days',
    ]);
  });
  it('gives no reasons for a member nothing puts at risk', () => {
    expect(
      topFactors(
        featureNames.map(() => -0.3),
        member({}),
        { usualActiveIntervalDays: 1 },
      ),
    ).toEqual([]);
  });
});

describe('recommended actions', () => {
  it('asks for a payment-method update first when a charge failed (critical)', () => {
    const actions = recommendActions(member({ past_due: 1, failed_payments_60: 1, days_since_activity: 9 }));
    expect(actions.map((a) => [a.kind, a.priority])).toEqual([
      ['payment_method_update', 'critical'],
      ['re_engagement_message', 'high'],
    ]);
  });
  it('re-engages after 7 quiet days, offers onboarding under score 30, nudges a stalled course', () => {
    const actions = recommendActions(member({ days_since_activity: 7, engagement_score: 29, progress_30: 0 }));
    expect(actions.map((a) => [a.kind, a.priority])).toEqual([
      ['re_engagement_message', 'high'],
      ['onboarding_call', 'high'],
      ['course_nudge', 'medium'],
    ]);
  });
  it('offers a win-back before a period-end cancellation takes effect', () => {
    const actions = recommendActions(member({ cancel_at_period_end: 1, days_to_renewal: 4 }));
    expect(actions).toEqual([
      { kind: 'win_back_offer', priority: 'high', text: 'Send a win-back offer before their access ends in 4 days' },
    ]);
  });
  it('has nothing to suggest for an engaged, paying member', () => {
    expect(recommendActions(member({ days_since_activity: 6, engagement_score: 30 }))).toEqual([]);
  });
});

describe('risk levels', () => {
  it('cuts at 0.7, 0.5 and 0.3 (exclusive)', () => {
    expect([0.71, 0.7, 0.51, 0.5, 0.31, 0.3, 0].map(riskLevel)).toEqual([
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });
});
