// The mutable state of one simulated member while their life is played out, and the moves every part
// of the simulation shares: buying a plan, cancelling, ending a subscription, taking a truth snapshot.
import type { CancelOptions } from '@whop/sdk/resources/memberships';
import { churnWithin30, dailyHazard, type Engagement, type SubscriptionPhase } from './behaviour.ts';
import type { ChurnEvent, MembershipRecord, Snapshot } from './history.ts';
import type { IdMaker } from './ids.ts';
import { PLAN_HAZARD, type PlanKey } from './plans.ts';
import { cumulative, type Rng } from '../../core/random.ts';
import { charge, newMembership, refundPurchase, startSub, type Sub } from './subscription.ts';
import { DAY_MS } from './time.ts';
import type { WorldShape } from './worlds.ts';

export interface World {
  ids: IdMaker;
  endMs: number;
  horizonMs: number;
  /** Month ends up to endMs, then endMs itself. */
  snapshotMs: readonly number[];
  /** Why members leave in this world (worlds.ts). */
  shape: WorldShape;
}

export interface MemberState {
  world: World;
  ids: IdMaker;
  rng: Rng;
  eng: Engagement;
  joinDay: number;
  memberships: MembershipRecord[];
  churns: ChurnEvent[];
  presence: Array<[number, number]>;
  /** Start of the current stay in the community; null while away. */
  presentFrom: number | null;
  sub: Sub | null;
  subStartMs: number;
  free: MembershipRecord | null;
  lifetime: boolean;
  course: boolean;
  /** Day of a planned comeback, or -1. */
  returnDay: number;
  /** Cumulative churn hazard of the current subscription, and the Exp(1) level at which the member cancels. */
  cum: number;
  threshold: number;
}

const CANCEL_OPTIONS: CancelOptions[] = [
  'too_expensive',
  'switching',
  'missing_features',
  'technical_issues',
  'bad_experience',
  'other',
];
const CANCEL_CUM = cumulative([0.34, 0.14, 0.16, 0.06, 0.1, 0.2]);
const REASONS = ['Not using it enough', 'Too expensive for me right now', 'Found another group', null, null] as const;

/** Buys a plan: free access, a lifetime purchase, or a subscription (trial or first charge). */
export function begin(st: MemberState, planKey: PlanKey, ms: number): void {
  const { ids, rng } = st;
  if (planKey === 'free') {
    st.free = newMembership(ids, 'free', 'free', ms);
    st.memberships.push(st.free);
  } else if (planKey === 'lifetime') {
    const rec = newMembership(ids, 'pro', 'lifetime', ms);
    const pay = charge(ids, rng, rec, 'lifetime', ms, 'one_time');
    if (rng.chance(0.04)) {
      refundPurchase(ids, pay, rec, ms + (1 + rng.int(12)) * DAY_MS);
    } else st.lifetime = true;
    st.memberships.push(rec);
  } else {
    st.sub = startSub(ids, rng, planKey, ms);
    st.subStartMs = ms;
    st.memberships.push(st.sub.rec);
    st.cum = 0;
    st.threshold = rng.exp(1);
  }
}

export function cancelInfo(st: MemberState, ms: number, atPeriodEnd: boolean): NonNullable<MembershipRecord['cancel']> {
  const { rng } = st;
  return {
    ms,
    atPeriodEnd,
    option: rng.chance(0.7) ? CANCEL_OPTIONS[rng.weighted(CANCEL_CUM)]! : null,
    reason: rng.pick(REASONS),
  };
}

/** The subscription is over; the member leaves unless other access keeps them, and may come back later. */
export function closeSub(st: MemberState, event: ChurnEvent | null, accessEndMs: number): void {
  if (event) st.churns.push(event);
  st.sub = null;
  if (!st.free && !st.lifetime && st.presentFrom !== null) {
    st.presence.push([st.presentFrom, Math.max(st.presentFrom, accessEndMs)]);
    st.presentFrom = null;
    if (event && st.rng.chance(0.1 + 0.15 * st.eng.base))
      st.returnDay = Math.floor(event.churnMs / DAY_MS + 30 + st.rng.exp(110));
  }
}

/** The subscription's coming renewal is its first (only the first charge so far). */
export function firstRenewal(sub: Sub): boolean {
  return sub.rec.payments.length <= 1;
}

/** Ground truth at a moment: engagement, whether subscribed, and the churn hazard the model implies. */
export function snapshot(st: MemberState, atMs: number, e: number): Snapshot {
  const sub = st.sub;
  let phase: SubscriptionPhase = 'none';
  if (sub) phase = sub.failing ? 'past_due' : sub.inTrial ? 'trialing' : sub.canceling ? 'canceling' : 'active';
  const planFactor = sub ? PLAN_HAZARD[sub.planKey] : 0;
  const tenureDays = (atMs - st.subStartMs) / DAY_MS;
  const daysToBoundary = sub ? Math.max(0, (sub.periodEndMs - atMs) / DAY_MS) : 0;
  const engagement = st.presentFrom !== null ? e : 0;
  return {
    atMs,
    engagement,
    subscribed: phase === 'active' || phase === 'canceling' || phase === 'past_due',
    hazardDaily: phase === 'active' ? dailyHazard(engagement, planFactor, tenureDays, st.world.shape) : 0,
    hazard30d: churnWithin30(
      {
        phase,
        engagement: st.eng,
        planFactor,
        tenureDays,
        daysToBoundary,
        firstRenewal: sub ? firstRenewal(sub) : false,
      },
      st.world.shape,
    ),
  };
}
