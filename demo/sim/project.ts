// Whop v1 objects for a membership and its payments as they stand at a moment T, projected from the
// simulator's full history (later events are invisible at T).
import type { RefundRetrieveResponse } from '@whop/sdk/resources/refunds';
import type { Membership, MembershipStatus, Payment } from '@whop/sdk/resources/shared';
import type { MembershipRecord, PaymentRecord } from './history.ts';
import type { PlanKey, ProductKey } from './plans.ts';
import { iso } from './time.ts';

export interface ProjectionContext {
  company: { id: string; title: string; route: string };
  planIds: Record<PlanKey, string>;
  productIds: Record<ProductKey, string>;
  productTitles: Record<ProductKey, string>;
}

export interface UserRef {
  id: string;
  email: string;
  name: string;
  username: string;
  memberId: string;
}

function lastAtOrBefore<T>(items: readonly T[], T: number, at: (x: T) => number): T | undefined {
  let found: T | undefined;
  for (const x of items) if (at(x) <= T) found = x;
  return found;
}

export function membershipStatus(rec: MembershipRecord, T: number): MembershipStatus {
  if (rec.endMs !== null && rec.endMs <= T) return rec.endStatus!;
  if (rec.cancel && rec.cancel.ms <= T && rec.cancel.atPeriodEnd) return 'canceling';
  if (rec.pastDue.some((p) => p.fromMs <= T && T < p.toMs)) return 'past_due';
  const failing = rec.payments.find(
    (p) => p.failedAttemptsMs.length > 0 && p.createdMs <= T && p.paidMs === null && p.gaveUpMs === null,
  );
  if (failing) return 'past_due';
  if (rec.trialEndMs !== null && T < rec.trialEndMs) return 'trialing';
  return 'active';
}

export function projectMembership(ctx: ProjectionContext, rec: MembershipRecord, T: number, user: UserRef): Membership {
  const plan = lastAtOrBefore(rec.plans, T, (p) => p.ms)!;
  const period = lastAtOrBefore(rec.periods, T, (p) => p.startMs);
  const cancel = rec.cancel && rec.cancel.ms <= T ? rec.cancel : null;
  const updated = Math.max(...rec.changesMs.filter((c) => c <= T));
  const free = plan.key === 'free';
  return {
    id: rec.id,
    cancel_at_period_end: cancel?.atPeriodEnd ?? false,
    cancel_option: cancel?.option ?? null,
    canceled_at: cancel ? iso(cancel.ms) : null,
    cancellation_reason: cancel?.reason ?? null,
    checkout_configuration_id: null,
    company: { id: ctx.company.id, title: ctx.company.title },
    created_at: iso(rec.createdMs),
    currency: free ? null : 'usd',
    custom_field_responses: [],
    joined_at: iso(rec.createdMs),
    license_key: null,
    manage_url: `https://whop.com/orders/${rec.id}/manage`,
    member: { id: user.memberId },
    metadata: {},
    payment_collection_paused: false,
    plan: { id: ctx.planIds[plan.key], metadata: null },
    product: { id: ctx.productIds[rec.productKey], metadata: null, title: ctx.productTitles[rec.productKey] },
    promo_code: null,
    renewal_period_end: period ? iso(period.endMs) : null,
    renewal_period_start: period ? iso(period.startMs) : null,
    status: membershipStatus(rec, T),
    updated_at: iso(updated),
    user: { id: user.id, email: user.email, name: user.name, username: user.username },
  };
}

const money = (cents: number) => cents / 100;

export function projectPayment(
  ctx: ProjectionContext,
  pay: PaymentRecord,
  rec: MembershipRecord,
  T: number,
  user: UserRef,
): Payment {
  const paid = pay.paidMs !== null && pay.paidMs <= T;
  const gaveUp = !paid && pay.gaveUpMs !== null && pay.gaveUpMs <= T;
  const attempts = pay.failedAttemptsMs.filter((a) => a <= T);
  const refund = paid && pay.refund && pay.refund.ms <= T ? pay.refund : null;
  const full = refund !== null && refund.cents === pay.amountCents;
  const substatus = refund
    ? full
      ? 'refunded'
      : 'partially_refunded'
    : paid
      ? 'succeeded'
      : gaveUp
        ? 'failed'
        : 'past_due';
  const lastAttempt = paid ? pay.paidMs! : (attempts[attempts.length - 1] ?? pay.createdMs);
  const nextAttempt = !paid && !gaveUp ? (pay.failedAttemptsMs.find((a) => a > T) ?? pay.gaveUpMs ?? null) : null;
  const updated = Math.max(pay.createdMs, lastAttempt, refund?.ms ?? 0, gaveUp ? pay.gaveUpMs! : 0);
  const total = money(pay.amountCents);
  const fee = Math.round(pay.amountCents * 0.03 + 30);
  return {
    id: pay.id,
    amount_after_fees: money(pay.amountCents - fee),
    application_fee: null,
    auto_refunded: false,
    billing_address: null,
    billing_reason: pay.billingReason,
    card_brand: 'visa',
    card_last4: '4242',
    checkout_configuration_id: null,
    company: ctx.company,
    created_at: iso(pay.createdMs),
    currency: 'usd',
    dispute_alerted_at: null,
    disputes: [],
    failure_message: attempts.length > 0 && !paid ? 'Your card was declined.' : null,
    financing_installments_count: null,
    financing_transactions: [],
    last_payment_attempt: iso(lastAttempt),
    member: { id: user.memberId, phone: null },
    membership: { id: rec.id, phone_number: null, status: membershipStatus(rec, T) },
    metadata: null,
    next_payment_attempt: nextAttempt !== null ? iso(nextAttempt) : null,
    paid_at: paid ? iso(pay.paidMs!) : null,
    payment_method: null,
    payment_method_type: 'card',
    payments_failed: attempts.length,
    plan: { id: ctx.planIds[pay.planKey], internal_notes: null, metadata: null },
    product: {
      id: ctx.productIds[rec.productKey],
      metadata: null,
      route: `${ctx.company.route}-${rec.productKey}`,
      title: ctx.productTitles[rec.productKey],
    },
    promo_code: null,
    refundable: paid && !full,
    refunded_amount: refund ? money(refund.cents) : null,
    refunded_at: refund ? iso(refund.ms) : null,
    refunds: refund
      ? [
          {
            id: refund.id,
            amount: money(refund.cents),
            created_at: iso(refund.ms),
            currency: 'usd',
            status: 'succeeded',
          },
        ]
      : [],
    resolutions: [],
    retryable: !paid && !gaveUp,
    risk_score: null,
    risk_signals: null,
    settlement_amount: paid ? total : 0,
    settlement_currency: 'usd',
    settlement_exchange_rate: null,
    shipping_address: null,
    status: paid ? 'paid' : gaveUp ? 'uncollectible' : 'open',
    substatus,
    subtotal: total,
    tax_amount: 0,
    tax_behavior: 'exclusive',
    tax_refunded_amount: null,
    three_ds_verified: false,
    total,
    updated_at: iso(updated),
    usd_total: total,
    user: { id: user.id, email: user.email, name: user.name, username: user.username },
    voidable: false,
  };
}

export function projectRefund(payment: Payment, rec: PaymentRecord): RefundRetrieveResponse {
  const r = rec.refund!;
  return {
    id: r.id,
    amount: money(r.cents),
    created_at: iso(r.ms),
    currency: 'usd',
    provider: 'stripe',
    provider_created_at: iso(r.ms),
    reference_status: 'available',
    reference_type: 'acquirer_reference_number',
    reference_value: null,
    status: 'succeeded',
    payment: {
      id: payment.id,
      billing_reason: payment.billing_reason,
      card_brand: payment.card_brand,
      card_last4: payment.card_last4,
      created_at: payment.created_at,
      currency: payment.currency,
      dispute_alerted_at: null,
      member: payment.member,
      membership: payment.membership && { id: payment.membership.id, status: payment.membership.status },
      metadata: null,
      paid_at: payment.paid_at,
      payment_method_type: payment.payment_method_type,
      plan: payment.plan && { id: payment.plan.id, metadata: null },
      product: payment.product && { id: payment.product.id, metadata: null },
      subtotal: payment.subtotal,
      tax_amount: payment.tax_amount,
      tax_behavior: payment.tax_behavior,
      tax_refunded_amount: null,
      total: payment.total,
      usd_total: payment.usd_total,
      user: payment.user,
    },
  };
}
