// One day in the life of a simulated member: a subscriber's refunds, card retries, renewals, trial ends,
// churn decisions, plan changes and extra purchases; a free member's conversion or departure.
import { dailyHazard, IMMEDIATE_SHARE, renewalQuitChance, trialConversion } from './behaviour.ts';
import type { MembershipRecord } from './history.ts';
import { closeSub, begin, cancelInfo, firstRenewal, type MemberState } from './member-state.ts';
import { DOWNGRADES, PLAN_HAZARD, UPGRADES, type PlanKey } from './plans.ts';
import { cumulative } from '../../core/random.ts';
import {
  charge,
  convertTrial,
  endMembership,
  expire,
  newMembership,
  recover,
  refund,
  refundPurchase,
  renew,
  upgrade,
  type Sub,
} from './subscription.ts';
import { DAY_MS } from './time.ts';

const CONVERT_PLANS: PlanKey[] = ['monthly', 'trial_monthly', 'lite_monthly', 'annual'];
const CONVERT_CUM = cumulative([0.45, 0.3, 0.15, 0.1]);

/** What happens to a subscription on `day` for a member at engagement e. */
export function subscriberDay(st: MemberState, s: Sub, day: number, e: number): void {
  const { ids, rng } = st;
  const dayEnd = (day + 1) * DAY_MS;
  if (s.refundAtMs !== null && s.refundAtMs < dayEnd) {
    const at = s.refundAtMs;
    s.refundAtMs = null;
    refund(ids, s.rec.payments[0]!, s.rec, at);
    s.rec.cancel = cancelInfo(st, at, false);
    endMembership(s.rec, at, 'canceled');
    closeSub(st, { initiatedMs: at, churnMs: at, kind: 'voluntary' }, at);
  } else if (s.failing) {
    if (s.failing.recoverMs !== null && s.failing.recoverMs < dayEnd) recover(s);
    else if (s.failing.recoverMs === null && s.failing.expireMs < dayEnd) {
      const failedAt = s.failing.pay.createdMs;
      const expireMs = s.failing.expireMs;
      expire(s);
      closeSub(st, { initiatedMs: failedAt, churnMs: failedAt, kind: 'delinquent' }, expireMs);
    }
  } else if (s.periodEndMs < dayEnd) {
    if (s.canceling) {
      endMembership(s.rec, s.periodEndMs, 'canceled');
      closeSub(
        st,
        s.inTrial ? null : { initiatedMs: s.rec.cancel!.ms, churnMs: s.periodEndMs, kind: 'voluntary' },
        s.periodEndMs,
      );
    } else if (s.inTrial) {
      if (rng.chance(trialConversion(e))) convertTrial(ids, rng, s);
      else {
        s.rec.cancel = cancelInfo(st, s.periodEndMs - rng.int(3 * DAY_MS), true);
        endMembership(s.rec, s.periodEndMs, 'canceled');
        closeSub(st, null, s.periodEndMs);
      }
    } else if (!quitsAtRenewal(st, s)) renew(ids, rng, s, e, st.world.shape);
  } else if (!s.canceling && !s.inTrial) {
    st.cum += dailyHazard(e, PLAN_HAZARD[s.planKey], day - Math.floor(st.subStartMs / DAY_MS), st.world.shape);
    const at = day * DAY_MS + rng.int(DAY_MS);
    if (st.cum >= st.threshold && at > s.rec.createdMs) decideToLeave(st, s, at);
    else if (at > s.rec.createdMs) sideEvents(st, s, at, e);
  }
}

/**
 * In worlds where members decide at renewal time (worlds.ts renewalQuit), the member does not renew: the
 * cancellation and the end of access fall at the period end (nothing in the data foretells it). Draws nothing in worlds without it, so
 * those play out exactly as before.
 */
function quitsAtRenewal(st: MemberState, s: Sub): boolean {
  const q = renewalQuitChance(firstRenewal(s), st.world.shape);
  if (q <= 0 || !st.rng.chance(q)) return false;
  s.rec.cancel = cancelInfo(st, s.periodEndMs, true);
  endMembership(s.rec, s.periodEndMs, 'canceled');
  closeSub(st, { initiatedMs: s.rec.cancel.ms, churnMs: s.periodEndMs, kind: 'voluntary' }, s.periodEndMs);
  return true;
}

/** The member has had enough: most cancel at period end, some at once (occasionally asking for a refund). */
function decideToLeave(st: MemberState, s: Sub, at: number): void {
  const { ids, rng } = st;
  st.eng.momentum *= 0.6;
  if (rng.chance(1 - IMMEDIATE_SHARE)) {
    s.canceling = true;
    s.rec.cancel = cancelInfo(st, at, true);
    s.rec.changesMs.push(at);
    return;
  }
  const last = s.rec.payments[s.rec.payments.length - 1];
  if (last && last.paidMs !== null && rng.chance(0.3) && at - last.paidMs < 14 * DAY_MS) refund(ids, last, s.rec, at);
  s.rec.cancel = cancelInfo(st, at, false);
  endMembership(s.rec, at, 'canceled');
  closeSub(st, { initiatedMs: at, churnMs: at, kind: 'voluntary' }, at);
}

/** Rarer events of a paying member: upgrades, scheduled downgrades, buying the course, goodwill refunds. */
function sideEvents(st: MemberState, s: Sub, at: number, e: number): void {
  const { ids, rng } = st;
  const ups = UPGRADES[s.planKey];
  const down = DOWNGRADES[s.planKey];
  if (ups && rng.chance(0.0006 * e)) upgrade(ids, rng, s, rng.pick(ups), at);
  else if (down && !s.pendingDowngrade && rng.chance(0.0007 * (1 - e))) {
    s.pendingDowngrade = down;
    s.rec.changesMs.push(at);
  } else if (!st.course && e > 0.4 && rng.chance(0.0004)) {
    st.course = true;
    const rec = newMembership(ids, 'course', 'course', at);
    const pay = charge(ids, rng, rec, 'course', at, 'one_time');
    if (rng.chance(0.08)) {
      refundPurchase(ids, pay, rec, at + (1 + rng.int(12)) * DAY_MS);
    }
    st.memberships.push(rec);
  } else if (rng.chance(0.00015)) {
    const paid = s.rec.payments.filter((p) => p.paidMs !== null && p.refund === null && p.paidMs < at);
    const p = paid[paid.length - 1];
    if (p) refund(ids, p, s.rec, at, Math.round(p.amountCents / 2));
  }
}

/** A free member may upgrade to a paid plan, or leave. */
export function freeMemberDay(st: MemberState, f: MembershipRecord, day: number, e: number): void {
  const { rng } = st;
  const at = day * DAY_MS + rng.int(DAY_MS);
  if (at > f.createdMs && rng.chance(0.0018 * e)) begin(st, CONVERT_PLANS[rng.weighted(CONVERT_CUM)]!, at);
  else if (at > f.createdMs && rng.chance(dailyHazard(e, PLAN_HAZARD.free, day - st.joinDay, st.world.shape))) {
    f.cancel = cancelInfo(st, at, false);
    endMembership(f, at, 'canceled');
    st.free = null;
    if (!st.lifetime && st.presentFrom !== null) {
      st.presence.push([st.presentFrom, at]);
      st.presentFrom = null;
    }
  }
}
