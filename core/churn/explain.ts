// Why a member is at risk: each feature's contribution to the logistic model's log-odds (coefficient x
// standardised deviation from the mean), the largest risk-raising ones first, said in a creator's words.
import { rawValue } from './actions.ts';
import { featureNames, LOOKBACK_DAYS, type FeatureName, type MemberContext } from './features.ts';

export interface RiskFactor {
  feature: FeatureName;
  /** The raw value behind the sentence. */
  value: number;
  /** Log-odds added by this feature against an average member. */
  contribution: number;
  sentence: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** One sentence per feature value, in the creator's words. */
export function factorSentence(feature: FeatureName, raw: readonly number[], context: MemberContext): string {
  const v = (name: FeatureName) => rawValue(raw, name);
  const x = v(feature);
  const n = Math.round(x);
  switch (feature) {
    case 'days_since_activity': {
      if (n >= LOOKBACK_DAYS) return `no activity in the last ${LOOKBACK_DAYS} days`;
      const usual = context.usualActiveIntervalDays;
      const head = n === 0 ? 'last active today' : `no activity for ${plural(n, 'day')}`;
      return usual !== null && n > 0
        ? `${head}; usually active every ${plural(Math.max(1, Math.round(usual)), 'day')}`
        : head;
    }
    case 'activity_trend': {
      const drop = Math.round((1 - Math.exp(x)) * 100);
      return drop > 0
        ? `activity this week is ${drop}% below their usual pace`
        : `activity this week is ${-drop}% above their usual pace`;
    }
    case 'messages_per_week':
      return n === 0 ? 'no messages or posts in the last 4 weeks' : `only ${round1(x)} messages a week`;
    case 'active_days_30':
      return `active on ${n} of the last 30 days`;
    case 'course_progress':
      return n === 0 ? 'has not started a course' : `course progress ${n}%`;
    case 'progress_30':
      return n <= 0 ? 'no course progress in the last 30 days' : `${n} points of course progress in the last 30 days`;
    case 'engagement_score':
      return `engagement score ${n}/100`;
    case 'score_trend_14':
      return n < 0
        ? `engagement score fell ${-n} points in two weeks`
        : `engagement score changed by +${n} points in two weeks`;
    case 'tenure_days':
      return n < 60
        ? `subscribed only ${plural(n, 'day')} ago (new members leave more often)`
        : `subscribed for ${plural(n, 'day')}`;
    case 'mrr':
      return `on a ${x.toFixed(2)}/month plan`;
    case 'billing_months':
      return n <= 1 ? 'billed monthly' : `billed every ${n} months`;
    case 'days_to_renewal':
      return `next renewal in ${plural(n, 'day')}`;
    case 'renews_within_30d':
      return `renewal charge due in ${plural(Math.round(v('days_to_renewal')), 'day')}`;
    case 'cancel_at_period_end':
      return `asked to cancel; access ends in ${plural(Math.round(v('days_to_renewal')), 'day')}`;
    case 'cancel_ends_within_30d':
      return `cancellation takes effect in ${plural(Math.round(v('days_to_renewal')), 'day')}`;
    case 'past_due':
      return 'last renewal payment failed and is still unpaid';
    case 'failed_payments_60':
      return `${plural(n, 'failed payment')} in the last 60 days`;
    case 'refunds':
      return `${plural(n, 'refund')} so far`;
    case 'reactivations':
      return `left and came back ${n === 1 ? 'once' : `${n} times`} before`;
    case 'downgrades':
      return `moved to a cheaper plan ${n === 1 ? 'once' : `${n} times`}`;
  }
}

/** Features that tell one story: only the strongest of a group is said. */
const sameStory: ReadonlyArray<ReadonlySet<FeatureName>> = [
  new Set(['cancel_ends_within_30d', 'cancel_at_period_end', 'renews_within_30d', 'days_to_renewal']),
  new Set(['past_due', 'failed_payments_60']),
];

/** The `limit` features adding most to the risk (positive contributions only), largest first. */
export function topFactors(
  contributions: readonly number[],
  raw: readonly number[],
  context: MemberContext,
  limit = 3,
): RiskFactor[] {
  const said = new Set<ReadonlySet<FeatureName>>();
  const out: RiskFactor[] = [];
  const ranked = contributions
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => c > 0.05)
    .sort((a, b) => b.c - a.c || a.j - b.j);
  for (const { c, j } of ranked) {
    const feature = featureNames[j]!;
    const group = sameStory.find((g) => g.has(feature));
    if (group && said.has(group)) continue;
    if (group) said.add(group);
    out.push({ feature, value: raw[j]!, contribution: c, sentence: factorSentence(feature, raw, context) });
    if (out.length === limit) break;
  }
  return out;
}
