// The simulated company's price list: which plans exist, what they cost, and how members move between them.

export type ProductKey = 'pro' | 'free' | 'course';
export type PlanKey =
  | 'free'
  | 'lite_monthly'
  | 'monthly'
  | 'trial_monthly'
  | 'quarterly'
  | 'annual'
  | 'vip_monthly'
  | 'lifetime'
  | 'course';

export interface PlanSpec {
  key: PlanKey;
  product: ProductKey;
  title: string;
  planType: 'renewal' | 'one_time';
  /** Days between renewals; null for one-time plans. */
  periodDays: number | null;
  /** Price in major units, as Whop sends it. */
  price: number;
  /** Same price in cents (the simulator's own arithmetic never touches floats). */
  priceCents: number;
  trialDays: number | null;
  /** Share of sign-ups choosing this plan first. */
  signupWeight: number;
}

const spec = (
  key: PlanKey,
  product: ProductKey,
  title: string,
  periodDays: number | null,
  priceCents: number,
  signupWeight: number,
  trialDays: number | null = null,
): PlanSpec => ({
  key,
  product,
  title,
  planType: periodDays === null ? 'one_time' : 'renewal',
  periodDays,
  price: priceCents / 100,
  priceCents,
  trialDays,
  signupWeight,
});

export const PLAN_SPECS: readonly PlanSpec[] = [
  spec('free', 'free', 'Free community', null, 0, 0.22),
  spec('lite_monthly', 'pro', 'Lite monthly', 30, 690, 0.07),
  spec('monthly', 'pro', 'Pro monthly', 30, 2999, 0.26),
  spec('trial_monthly', 'pro', 'Pro monthly, 7-day free trial', 30, 2999, 0.14, 7),
  spec('quarterly', 'pro', 'Pro quarterly', 90, 7999, 0.08),
  spec('annual', 'pro', 'Pro annual', 365, 29900, 0.08),
  spec('vip_monthly', 'pro', 'VIP monthly', 30, 9900, 0.05),
  spec('lifetime', 'pro', 'Pro lifetime', null, 59900, 0.03),
  spec('course', 'course', 'Masterclass (lifetime access)', null, 14950, 0.0),
];

export function planSpec(key: PlanKey): PlanSpec {
  return PLAN_SPECS.find((p) => p.key === key)!;
}

/** Recurring plans a member may move to: upgrades take effect at once, downgrades at the next renewal. */
export const UPGRADES: Partial<Record<PlanKey, PlanKey[]>> = {
  lite_monthly: ['monthly'],
  monthly: ['vip_monthly', 'annual'],
  trial_monthly: ['vip_monthly', 'annual'],
  quarterly: ['annual'],
};
export const DOWNGRADES: Partial<Record<PlanKey, PlanKey>> = {
  vip_monthly: 'monthly',
  monthly: 'lite_monthly',
  trial_monthly: 'lite_monthly',
  annual: 'monthly',
};

/** Relative daily hazard of deciding to leave, by plan (annual buyers are more committed). */
export const PLAN_HAZARD: Record<PlanKey, number> = {
  free: 1.4,
  lite_monthly: 1.25,
  monthly: 1.0,
  trial_monthly: 1.05,
  quarterly: 0.8,
  annual: 0.55,
  vip_monthly: 0.85,
  lifetime: 0,
  course: 0,
};
