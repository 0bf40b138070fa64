// What each tier includes, in one place for /help, /pulse upgrade and the operator CLI: read from the limits
// core/ enforces (core/tiers and the coach's quota), with the price Pulse's Whop plans charge.
import { QUESTIONS_PER_MONTH } from '../coach/coach-limits.ts';
import { HISTORY_DAYS, MEMBER_LIST_CAP, type CompanyTier } from '../tiers/tier-limits.ts';

export const tierNames: Record<CompanyTier, string> = { free: 'Free', pro: 'Pro', enterprise: 'Enterprise' };
export const tierPrices: Record<CompanyTier, string> = { free: '$0', pro: '$79 / month', enterprise: '$199 / month' };

/** "50 members listed, 7 days of history, 10 AI coach questions a month". */
export function tierIncludes(tier: CompanyTier): string {
  const cap = MEMBER_LIST_CAP[tier];
  const questions = QUESTIONS_PER_MONTH[tier];
  return [
    cap === null ? 'every member listed' : `${cap} members listed`,
    `${HISTORY_DAYS[tier]} days of history`,
    questions === null ? 'unlimited AI coach questions' : `${questions} AI coach questions a month`,
  ].join(', ');
}

/** "**Pro** ($79 / month): every member listed, 90 days of history, 500 AI coach questions a month." */
export function tierLine(tier: CompanyTier): string {
  return `**${tierNames[tier]}** (${tierPrices[tier]}): ${tierIncludes(tier)}.`;
}
