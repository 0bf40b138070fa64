// One member's recurring subscription as a small state machine over MembershipRecord and PaymentRecord:
// start (trial or first charge), renew (with card failures and retries), change plan, cancel, refund.
import type { BillingReasons } from '@whop/sdk/resources/payments';
import { failureChance, recoveryChance } from './behaviour.ts';
import type { MembershipRecord, PaymentRecord } from './history.ts';
import type { IdMaker } from './ids.ts';
import { planSpec, type PlanKey, type ProductKey } from './plans.ts';
import type { Rng } from '../../core/random.ts';
import { DAY_MS } from './time.ts';
import type { WorldShape } from './worlds.ts';

/** Days after a failed renewal on which Whop retries the card; access is revoked after the last. */
const RETRY_DAYS = [1, 3, 5, 7, 10] as const;
export const GIVE_UP_DAYS = 14;

export interface Sub {
  rec: MembershipRecord;
  planKey: PlanKey;
  /** End of the current paid period or trial. */
  periodEndMs: number;
  inTrial: boolean;
  canceling: boolean;
  pendingDowngrade: PlanKey | null;
  failing: { pay: PaymentRecord; recoverMs: number | null; expireMs: number } | null;
  /** A refund of the first charge, asked for soon after buying (access ends then). */
  refundAtMs: number | null;
}

export function newMembership(ids: IdMaker, productKey: ProductKey, planKey: PlanKey, ms: number): MembershipRecord {
  return {
    id: ids.next('mem'),
    productKey,
    createdMs: ms,
    plans: [{ ms, key: planKey }],
    trialEndMs: null,
    periods: [],
    cancel: null,
    endMs: null,
    endStatus: null,
    pastDue: [],
    changesMs: [ms],
    payments: [],
  };
}

/** A charge that succeeds at once. */
export function charge(
  ids: IdMaker,
  rng: Rng,
  rec: MembershipRecord,
  planKey: PlanKey,
  ms: number,
  reason: BillingReasons,
): PaymentRecord {
  const pay: PaymentRecord = {
    id: ids.next('pay'),
    planKey,
    createdMs: ms,
    amountCents: planSpec(planKey).priceCents,
    billingReason: reason,
    paidMs: ms + 5_000 + rng.int(85_000),
    failedAttemptsMs: [],
    gaveUpMs: null,
    refund: null,
  };
  rec.payments.push(pay);
  rec.changesMs.push(pay.paidMs!);
  return pay;
}

export function startSub(ids: IdMaker, rng: Rng, planKey: PlanKey, ms: number): Sub {
  const spec = planSpec(planKey);
  const rec = newMembership(ids, 'pro', planKey, ms);
  const sub: Sub = {
    rec,
    planKey,
    periodEndMs: ms,
    inTrial: false,
    canceling: false,
    pendingDowngrade: null,
    failing: null,
    refundAtMs: null,
  };
  if (spec.trialDays !== null) {
    sub.inTrial = true;
    sub.periodEndMs = ms + spec.trialDays * DAY_MS;
    rec.trialEndMs = sub.periodEndMs;
    rec.periods.push({ startMs: ms, endMs: sub.periodEndMs });
  } else {
    const pay = charge(ids, rng, rec, planKey, ms, 'subscription_create');
    sub.periodEndMs = openPeriod(rec, pay.paidMs!, spec.periodDays!);
    if (rng.chance(0.03)) sub.refundAtMs = ms + (1 + rng.int(10)) * DAY_MS + rng.int(DAY_MS);
  }
  return sub;
}

function openPeriod(rec: MembershipRecord, fromMs: number, days: number): number {
  const endMs = fromMs + days * DAY_MS;
  rec.periods.push({ startMs: fromMs, endMs });
  return endMs;
}

/** The trial ends and the first charge succeeds. */
export function convertTrial(ids: IdMaker, rng: Rng, sub: Sub): void {
  sub.inTrial = false;
  const pay = charge(ids, rng, sub.rec, sub.planKey, sub.periodEndMs, 'subscription_create');
  sub.periodEndMs = openPeriod(sub.rec, pay.paidMs!, planSpec(sub.planKey).periodDays!);
}

/** A renewal at the period end: usually paid; sometimes the card fails and is retried. */
export function renew(ids: IdMaker, rng: Rng, sub: Sub, engagement: number, world: WorldShape): void {
  const at = sub.periodEndMs;
  const reason: BillingReasons = sub.pendingDowngrade ? 'subscription_update' : 'subscription_cycle';
  if (sub.pendingDowngrade) {
    sub.planKey = sub.pendingDowngrade;
    sub.rec.plans.push({ ms: at, key: sub.planKey });
    sub.pendingDowngrade = null;
  }
  const days = planSpec(sub.planKey).periodDays!;
  if (!rng.chance(failureChance(engagement, world))) {
    const pay = charge(ids, rng, sub.rec, sub.planKey, at, reason);
    sub.periodEndMs = openPeriod(sub.rec, pay.paidMs!, days);
    return;
  }
  const recovered = rng.chance(recoveryChance(engagement, world));
  const retries = recovered ? 1 + rng.weighted([0.35, 0.6, 0.8, 0.92, 1]) : RETRY_DAYS.length;
  const attempts = [at, ...RETRY_DAYS.slice(0, retries - (recovered ? 1 : 0)).map((d) => at + d * DAY_MS)];
  const recoverMs = recovered ? at + RETRY_DAYS[retries - 1]! * DAY_MS + rng.int(3_600_000) : null;
  const pay: PaymentRecord = {
    id: ids.next('pay'),
    planKey: sub.planKey,
    createdMs: at,
    amountCents: planSpec(sub.planKey).priceCents,
    billingReason: reason,
    paidMs: null,
    failedAttemptsMs: attempts,
    gaveUpMs: null,
    refund: null,
  };
  sub.rec.payments.push(pay);
  sub.rec.periods.push({ startMs: at, endMs: at + days * DAY_MS });
  sub.rec.changesMs.push(at);
  sub.failing = { pay, recoverMs, expireMs: at + GIVE_UP_DAYS * DAY_MS };
}

/** The failed renewal is paid on a retry; the new period starts then. */
export function recover(sub: Sub): void {
  const f = sub.failing!;
  f.pay.paidMs = f.recoverMs;
  sub.rec.pastDue.push({ fromMs: f.pay.createdMs, toMs: f.recoverMs! });
  sub.rec.changesMs.push(f.recoverMs!);
  sub.periodEndMs = openPeriod(sub.rec, f.recoverMs!, planSpec(sub.planKey).periodDays!);
  sub.failing = null;
}

/** Retries exhausted: access ends, the membership expires. */
export function expire(sub: Sub): void {
  const f = sub.failing!;
  f.pay.gaveUpMs = f.expireMs;
  sub.rec.pastDue.push({ fromMs: f.pay.createdMs, toMs: f.expireMs });
  endMembership(sub.rec, f.expireMs, 'expired');
  sub.failing = null;
}

/** An upgrade: charged at once at the new price, a new period starts. */
export function upgrade(ids: IdMaker, rng: Rng, sub: Sub, to: PlanKey, ms: number): void {
  sub.planKey = to;
  sub.pendingDowngrade = null;
  sub.rec.plans.push({ ms, key: to });
  const pay = charge(ids, rng, sub.rec, to, ms, 'subscription_update');
  sub.periodEndMs = openPeriod(sub.rec, pay.paidMs!, planSpec(to).periodDays!);
}

export function endMembership(rec: MembershipRecord, ms: number, status: 'canceled' | 'expired'): void {
  rec.endMs = ms;
  rec.endStatus = status;
  rec.changesMs.push(ms);
}

/** A one-time purchase refunded in full: access ends at the refund. */
export function refundPurchase(ids: IdMaker, pay: PaymentRecord, rec: MembershipRecord, ms: number): void {
  refund(ids, pay, rec, ms);
  rec.cancel = { ms, atPeriodEnd: false, option: null, reason: 'Refunded' };
  endMembership(rec, ms, 'canceled');
}

/** Full refund of a payment. */
export function refund(
  ids: IdMaker,
  pay: PaymentRecord,
  rec: MembershipRecord,
  ms: number,
  cents = pay.amountCents,
): void {
  pay.refund = { id: ids.next('rf'), ms, cents };
  rec.changesMs.push(ms);
}
