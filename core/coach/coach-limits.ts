// The coach's limits: questions per month by tier (docs/product.md#tiers: free 10, pro 500, enterprise unlimited) and a
// per-user rate limit, with the errors chat shows when one is hit.
import { BadInput, TierLimit } from '../errors.ts';
import type { CompanyTier } from '../tiers/tier-limits.ts';

/** AI questions a month per tier; null = unlimited. */
export const QUESTIONS_PER_MONTH: Record<CompanyTier, number | null> = { free: 10, pro: 500, enterprise: null };

/** At most this many questions per user in any window of `windowMs` (per company). */
export const USER_RATE_LIMIT = { questions: 5, windowMs: 60_000 };

/** The longest question the coach takes (a chat option is at most 6,000 characters on Discord). */
export const MAX_QUESTION_LENGTH = 1_000;

/** Too many questions from one person in a short time. A BadInput, so chat shows its message as it is. */
export class CoachRateLimited extends BadInput {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(
      `You've asked ${USER_RATE_LIMIT.questions} questions in the last minute. Please wait ${retryAfterSeconds} s and ask again.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const upgrade: Record<CompanyTier, string> = {
  free: ' Upgrade to Pro for 500 questions a month.',
  pro: ' Upgrade to Enterprise for unlimited questions.',
  enterprise: '',
};

/** The month's questions are used up: no model is called. */
export function quotaExhausted(tier: CompanyTier, allowed: number, resetsOn: string): TierLimit {
  return new TierLimit(
    `Your ${tier} plan includes ${allowed} AI coach questions a month, and this month's are all used. The count starts again on ${resetsOn}.${upgrade[tier]}`,
    { kind: 'ai', allowed, tier },
  );
}
