// The simulator's behavioural model, pure maths: engagement dynamics, churn hazard, payment failure
// and recovery odds, and the closed-form 30-day churn probability exposed as ground truth; the rates are
// the world's (worlds.ts), the default world's when none is given.
import type { Rng } from '../../core/random.ts';
import { defaultWorld, type WorldShape } from './worlds.ts';

/** The reference engagement of the world's base hazard (worlds.ts: ~6%/month in the default world). */
const E0 = 0.45;
/** Share of churn decisions that end access at once (the rest cancel at period end). */
export const IMMEDIATE_SHARE = 0.17;
const DECAY = 0.955;
const FLOOR = 0.05;

/** A member's latent engagement: base level b times a momentum m that decays in disengagement episodes. */
export interface Engagement {
  base: number;
  momentum: number;
  decaying: boolean;
}

/** Long-run engagement level in (0, 1), skewed low like real communities. */
export function drawBase(rng: Rng): number {
  return 1 / (1 + Math.exp(-(-0.3 + 1.1 * rng.normal())));
}

/** Advance one day; returns the day's engagement level in [0, 1]. */
export function stepEngagement(s: Engagement, rng: Rng): number {
  if (s.decaying) {
    s.momentum = Math.max(FLOOR, s.momentum * DECAY);
    if (rng.float() < 0.012) s.decaying = false;
  } else {
    s.momentum += (1 - s.momentum) * 0.03;
    if (rng.float() < 0.006 * (1.3 - s.base)) s.decaying = true;
  }
  return Math.min(1, s.base * s.momentum);
}

/** Engagement d days ahead if nothing new happens (decay continues, no new episode). */
export function projectEngagement(s: Engagement, d: number): number {
  const m = s.decaying ? Math.max(FLOOR, s.momentum * DECAY ** d) : 1 + (s.momentum - 1) * 0.97 ** d;
  return Math.min(1, s.base * m);
}

/** New members churn more; long-tenured ones less. */
const TENURE = Float64Array.from(
  { length: 1500 },
  (_, d) => (1 + 0.8 * Math.exp(-d / 40)) * (0.7 + 0.3 * Math.exp(-d / 300)),
);
export function tenureFactor(days: number): number {
  if (Number.isInteger(days) && days >= 0 && days < TENURE.length) return TENURE[days]!;
  return (1 + 0.8 * Math.exp(-days / 40)) * (0.7 + 0.3 * Math.exp(-days / 300));
}

export function dailyHazard(
  engagement: number,
  planFactor: number,
  tenureDays: number,
  w: WorldShape = defaultWorld,
): number {
  return w.baseHazard * planFactor * Math.exp(w.engagementSlope * (E0 - engagement)) * tenureFactor(tenureDays);
}

/** Chance a renewal charge fails on the first attempt. */
export function failureChance(engagement: number, w: WorldShape = defaultWorld): number {
  return w.failureBase + w.failureSlope * (1 - engagement);
}

/** Chance a failed renewal is paid during the retries. */
export function recoveryChance(engagement: number, w: WorldShape = defaultWorld): number {
  return w.recoveryBase + w.recoverySlope * engagement;
}

/** Chance of leaving at a renewal, decided then whatever the activity (worlds where quitting happens there). */
export function renewalQuitChance(firstRenewal: boolean, w: WorldShape = defaultWorld): number {
  return firstRenewal ? w.firstRenewalQuit : w.renewalQuit;
}

/** Chance a trial converts to paid at its end. */
export function trialConversion(engagement: number): number {
  return 0.25 + 0.65 * engagement;
}

export type SubscriptionPhase = 'none' | 'trialing' | 'active' | 'canceling' | 'past_due';

export interface HazardState {
  phase: SubscriptionPhase;
  engagement: Engagement;
  planFactor: number;
  tenureDays: number;
  /** Days until the current period (or trial) ends. */
  daysToBoundary: number;
  /** The coming renewal is the subscription's first. */
  firstRenewal?: boolean;
}

/**
 * Probability that paid access ends within 30 days (churn dated as docs/metrics.md#mrr dates it: at period end for
 * cancellations, at the failed renewal for delinquency), given the state now and the model above.
 */
export function churnWithin30(s: HazardState, w: WorldShape = defaultWorld): number {
  const r = s.daysToBoundary;
  const e0 = projectEngagement(s.engagement, 0);
  switch (s.phase) {
    case 'none':
      return 0;
    case 'canceling':
      return r <= 30 ? 1 : 0;
    case 'past_due':
      return 1 - recoveryChance(e0, w);
    case 'trialing':
      return r <= 30 ? 1 - trialConversion(projectEngagement(s.engagement, r)) : 0;
    case 'active':
      break;
  }
  let before = 0;
  let after = 0;
  for (let d = 1; d <= 30; d++) {
    const h = dailyHazard(projectEngagement(s.engagement, d), s.planFactor, s.tenureDays + d, w);
    if (d <= r) before += h;
    else after += h;
  }
  const survive = Math.exp(-before);
  if (r > 30) return IMMEDIATE_SHARE * (1 - survive);
  const eR = projectEngagement(s.engagement, r);
  const quit = renewalQuitChance(s.firstRenewal ?? false, w);
  const delinquent = failureChance(eR, w) * (1 - recoveryChance(eR, w));
  const lost = quit + (1 - quit) * delinquent;
  return 1 - survive + survive * lost + survive * (1 - lost) * IMMEDIATE_SHARE * (1 - Math.exp(-after));
}
