// Pulse's paid tiers as plans of Pulse's own Whop company (PULSE_PLAN_PRO, PULSE_PLAN_ENTERPRISE): which plan
// sells which tier, and back. A membership only sets a tier when its plan is one of these: a creator's own
// plans (and whatever metadata their checkouts carry) never change what Pulse grants.
import type { Config } from '../config.ts';
import type { CompanyTier } from '../tiers/tier-limits.ts';

export type PaidTier = Exclude<CompanyTier, 'free'>;
export const paidTiers: readonly PaidTier[] = ['pro', 'enterprise'];

export type PlanConfig = Pick<Config, 'PULSE_PLAN_PRO' | 'PULSE_PLAN_ENTERPRISE'>;

export function isPaidTier(value: string): value is PaidTier {
  return value === 'pro' || value === 'enterprise';
}

/** The plan id selling a tier, or undefined when the operator has not configured it. */
export function planOfTier(config: PlanConfig, tier: PaidTier): string | undefined {
  return tier === 'pro' ? config.PULSE_PLAN_PRO : config.PULSE_PLAN_ENTERPRISE;
}

/** The tier a plan id sells, or null when it is not one of Pulse's plans. */
export function tierOfPlan(config: PlanConfig, planId: string | null | undefined): PaidTier | null {
  if (!planId) return null;
  if (planId === config.PULSE_PLAN_ENTERPRISE) return 'enterprise';
  if (planId === config.PULSE_PLAN_PRO) return 'pro';
  return null;
}

/** Every configured plan id of Pulse's tiers. */
export function configuredPlans(config: PlanConfig): string[] {
  return paidTiers.map((t) => planOfTier(config, t)).filter((p): p is string => Boolean(p));
}

const rank: Record<CompanyTier, number> = { free: 0, pro: 1, enterprise: 2 };

/** The higher of two tiers (a company holding both memberships gets the better one). */
export function higherTier(a: CompanyTier, b: CompanyTier): CompanyTier {
  return rank[a] >= rank[b] ? a : b;
}
