import { describe, expect, it } from 'vitest';
import { BadInput } from '../errors.ts';
import {
  currencyExponent,
  lessonProgressPoints,
  mapCourse,
  mapForumPost,
  mapLesson,
  mapLessonInteraction,
  mapMember,
  mapMembership,
  mapMessage,
  mapPayment,
  mapPlan,
  mapProduct,
  mapRefund,
  membershipEndedAt,
  parseWhopTime,
  paymentKind,
  toMinorUnits,
} from './map.ts';

describe('toMinorUnits', () => {
  it('converts decimal major units exactly', () => {
    expect(toMinorUnits(6.9, 'usd')).toBe(690);
    expect(toMinorUnits(19.99, 'usd')).toBe(1999);
    expect(toMinorUnits(0.1 + 0.2, 'usd')).toBe(30); // 0.30000000000000004
    expect(toMinorUnits(1.005, 'usd')).toBe(101); // a float multiply gives 100.49999999999999
    expect(toMinorUnits(0.285, 'eur')).toBe(29);
    expect(toMinorUnits(4.35, 'usd')).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(toMinorUnits(1234567.89, 'usd')).toBe(123456789);
    expect(toMinorUnits(0, 'usd')).toBe(0);
    expect(toMinorUnits(10, 'usd')).toBe(1000);
  });
  it('honours zero- and three-decimal currencies', () => {
    expect(toMinorUnits(1234, 'jpy')).toBe(1234);
    expect(toMinorUnits(1234.5, 'jpy')).toBe(1235);
    expect(toMinorUnits(1234.4, 'JPY')).toBe(1234);
    expect(toMinorUnits(50000, 'krw')).toBe(50000);
    expect(toMinorUnits(1.234, 'kwd')).toBe(1234);
    expect(toMinorUnits(0.00012345, 'btc')).toBe(12345);
    expect(currencyExponent('usd')).toBe(2);
    expect(currencyExponent('whop_usd')).toBe(2);
  });
  it('reads text and exponent forms, rounds half away from zero, keeps the sign', () => {
    expect(toMinorUnits('12.34', 'usd')).toBe(1234);
    expect(toMinorUnits(' 7 ', 'usd')).toBe(700);
    expect(toMinorUnits('.5', 'usd')).toBe(50);
    expect(toMinorUnits('1.2e3', 'usd')).toBe(120000);
    expect(toMinorUnits(1e-7, 'usd')).toBe(0);
    expect(toMinorUnits(0.005, 'usd')).toBe(1);
    expect(toMinorUnits(0.00499, 'usd')).toBe(0);
    expect(toMinorUnits(-6.9, 'usd')).toBe(-690);
    expect(toMinorUnits(-0.005, 'usd')).toBe(-1);
    expect(Object.is(toMinorUnits(-0.001, 'usd'), 0)).toBe(true);
  });
  it('rejects what is not an amount', () => {
    expect(() => toMinorUnits(Number.NaN, 'usd')).toThrow(BadInput);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 'usd')).toThrow(BadInput);
    expect(() => toMinorUnits('12,50', 'usd')).toThrow(BadInput);
    expect(() => toMinorUnits('', 'usd')).toThrow(BadInput);
    expect(() => toMinorUnits(1e21, 'usd')).toThrow(BadInput);
  });
});

describe('parseWhopTime', () => {
  it('keeps canonical ISO and normalises other ISO forms', () => {
    expect(parseWhopTime('2023-12-01T05:00:00.401Z')).toBe('2023-12-01T05:00:00.401Z');
    expect(parseWhopTime('2023-12-01T05:00:00Z')).toBe('2023-12-01T05:00:00.000Z');
    expect(parseWhopTime('2023-12-01T06:00:00+01:00')).toBe('2023-12-01T05:00:00.000Z');
  });
  it('reads unix seconds as numbers or digits, and milliseconds', () => {
    expect(parseWhopTime(1701406800)).toBe('2023-12-01T05:00:00.000Z');
    expect(parseWhopTime('1701406800')).toBe('2023-12-01T05:00:00.000Z');
    expect(parseWhopTime(1701406800.25)).toBe('2023-12-01T05:00:00.250Z');
    expect(parseWhopTime(1701406800401)).toBe('2023-12-01T05:00:00.401Z');
  });
  it('null for absent values, an error for garbage', () => {
    expect(parseWhopTime(null)).toBeNull();
    expect(parseWhopTime(undefined)).toBeNull();
    expect(parseWhopTime('')).toBeNull();
    expect(() => parseWhopTime('yesterday')).toThrow(BadInput);
    expect(() => parseWhopTime({})).toThrow(BadInput);
    expect(() => parseWhopTime('2026-02-30T00:00:00.000Z')).toThrow(BadInput);
    expect(() => parseWhopTime('2026-13-01T00:00:00.000Z')).toThrow(BadInput);
    expect(parseWhopTime('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
  });
});

const baseMembership = {
  id: 'mem_1',
  status: 'active' as const,
  created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-03-01T10:00:00.000Z',
  joined_at: '2026-01-01T10:00:00.000Z',
  renewal_period_start: '2026-03-01T10:00:00.000Z',
  renewal_period_end: '2026-03-31T10:00:00.000Z',
  cancel_at_period_end: false,
  canceled_at: null,
  cancel_option: null,
  plan: { id: 'plan_1' },
  product: { id: 'prod_1' },
  user: { id: 'user_1', email: 'a@example.com', name: 'A', username: 'a' },
  member: { id: 'mber_1' },
};

describe('memberships', () => {
  it('maps the current state', () => {
    expect(mapMembership(baseMembership)).toEqual({
      whopId: 'mem_1',
      userWhopId: 'user_1',
      memberWhopId: 'mber_1',
      planWhopId: 'plan_1',
      productWhopId: 'prod_1',
      status: 'active',
      startedAt: '2026-01-01T10:00:00.000Z',
      joinedAt: '2026-01-01T10:00:00.000Z',
      renewalPeriodStart: '2026-03-01T10:00:00.000Z',
      renewalPeriodEnd: '2026-03-31T10:00:00.000Z',
      cancelAtPeriodEnd: false,
      canceledAt: null,
      cancelOption: null,
      endedAt: null,
      whopUpdatedAt: '2026-03-01T10:00:00.000Z',
    });
  });
  it('derives ended_at from how access ended', () => {
    const atPeriodEnd = {
      ...baseMembership,
      status: 'canceled' as const,
      cancel_at_period_end: true,
      canceled_at: '2026-03-10T00:00:00.000Z',
      updated_at: '2026-03-31T10:00:05.000Z',
    };
    expect(membershipEndedAt(atPeriodEnd)).toBe('2026-03-31T10:00:00.000Z');
    expect(
      membershipEndedAt({ ...atPeriodEnd, status: 'canceling', updated_at: '2026-03-10T00:00:00.000Z' }),
    ).toBeNull();
    expect(membershipEndedAt({ ...atPeriodEnd, cancel_at_period_end: false })).toBe('2026-03-10T00:00:00.000Z');
    expect(
      membershipEndedAt({ ...baseMembership, status: 'expired', updated_at: 1774000000 as unknown as string }),
    ).toBe('2026-03-20T09:46:40.000Z');
    expect(membershipEndedAt({ ...baseMembership, status: 'past_due' })).toBeNull();
  });
});

describe('payments and refunds', () => {
  const pay = {
    id: 'pay_1',
    total: 29.99,
    subtotal: 29.99,
    currency: 'usd' as const,
    status: 'paid' as const,
    substatus: 'succeeded' as const,
    billing_reason: 'subscription_cycle' as const,
    paid_at: '2026-02-01T10:00:30.000Z',
    refunded_amount: null,
    refunded_at: null,
    failure_message: null,
    created_at: '2026-02-01T10:00:00.000Z',
    updated_at: '2026-02-01T10:00:30.000Z',
    payments_failed: 0,
    membership: { id: 'mem_1' },
    member: { id: 'mber_1' },
    user: { id: 'user_1' },
    plan: { id: 'plan_1' },
  };
  it('maps amounts, kind and failure', () => {
    expect(mapPayment(pay)).toEqual({
      whopId: 'pay_1',
      membershipWhopId: 'mem_1',
      userWhopId: 'user_1',
      memberWhopId: 'mber_1',
      planWhopId: 'plan_1',
      amountMinor: 2999,
      currency: 'usd',
      status: 'paid',
      substatus: 'succeeded',
      billingReason: 'subscription_cycle',
      kind: 'renewal',
      paidAt: '2026-02-01T10:00:30.000Z',
      failedAt: null,
      refundedAmountMinor: 0,
      refundedAt: null,
      failureMessage: null,
      whopCreatedAt: '2026-02-01T10:00:00.000Z',
      whopUpdatedAt: '2026-02-01T10:00:30.000Z',
      attempts: 0,
      lastAttemptAt: null,
      nextAttemptAt: null,
    });
    const recovered = mapPayment({ ...pay, payments_failed: 2, paid_at: '2026-02-04T10:00:00.000Z' });
    expect([recovered.failedAt, recovered.paidAt]).toEqual(['2026-02-01T10:00:00.000Z', '2026-02-04T10:00:00.000Z']);
    const failed = mapPayment({
      ...pay,
      status: 'uncollectible',
      substatus: 'failed',
      paid_at: null,
      payments_failed: 6,
      failure_message: 'Your card was declined.',
    });
    expect([failed.failedAt, failed.paidAt, failed.failureMessage]).toEqual([
      '2026-02-01T10:00:00.000Z',
      null,
      'Your card was declined.',
    ]);
    // Whop's retry facts, kept for the failed-payment alert.
    const retrying = mapPayment({
      ...pay,
      substatus: 'failed',
      paid_at: null,
      payments_failed: 2,
      last_payment_attempt: '2026-02-02T10:00:00.000Z',
      next_payment_attempt: '2026-02-05T10:00:00.000Z',
    });
    expect([retrying.attempts, retrying.lastAttemptAt, retrying.nextAttemptAt]).toEqual([
      2,
      '2026-02-02T10:00:00.000Z',
      '2026-02-05T10:00:00.000Z',
    ]);
    const refunded = mapPayment({
      ...pay,
      total: 6.9,
      substatus: 'partially_refunded',
      refunded_amount: 3.45,
      refunded_at: '2026-02-03T00:00:00.000Z',
    });
    expect([refunded.amountMinor, refunded.refundedAmountMinor]).toEqual([690, 345]);
    expect(mapPayment({ ...pay, total: 1234.5, subtotal: 1234.5, currency: 'jpy' as const }).amountMinor).toBe(1235);
    expect(mapPayment({ ...pay, total: null, subtotal: 12.5 }).amountMinor).toBe(1250);
  });
  it('classifies billing reasons', () => {
    expect(paymentKind('subscription_create')).toBe('initial');
    expect(paymentKind('subscription_cycle')).toBe('renewal');
    expect(paymentKind('subscription_update')).toBe('renewal');
    expect(paymentKind('subscription')).toBe('renewal');
    expect(paymentKind('one_time')).toBe('one_time');
    expect(paymentKind('manual')).toBe('other');
    expect(paymentKind(null)).toBe('other');
  });
  it('maps refunds', () => {
    expect(
      mapRefund({
        id: 'rf_1',
        amount: 10.43,
        currency: 'usd',
        status: 'succeeded',
        created_at: '1701406800',
        payment: { id: 'pay_1' },
      }),
    ).toEqual({
      whopId: 'rf_1',
      paymentWhopId: 'pay_1',
      amountMinor: 1043,
      currency: 'usd',
      status: 'succeeded',
      whopCreatedAt: '2023-12-01T05:00:00.000Z',
    });
    expect(
      mapRefund({
        id: 'rf_2',
        amount: 1,
        currency: 'usd',
        status: 'pending',
        created_at: '2023-12-01T05:00:00.000Z',
        payment: null,
      }),
    ).toBeNull();
  });
});

describe('catalog, members, content and activity', () => {
  it('maps plans with prices in minor units', () => {
    const plan = {
      id: 'plan_1',
      product: { id: 'prod_1', title: 'Pro' },
      title: 'Pro monthly',
      plan_type: 'renewal',
      billing_period: 30,
      initial_price: 6.9,
      renewal_price: 6.9,
      currency: 'usd',
      trial_period_days: 7,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-02T00:00:00.000Z',
    };
    expect(mapPlan(plan)).toEqual({
      whopId: 'plan_1',
      productWhopId: 'prod_1',
      title: 'Pro monthly',
      planType: 'renewal',
      billingPeriodDays: 30,
      initialPriceMinor: 690,
      renewalPriceMinor: 690,
      currency: 'usd',
      trialPeriodDays: 7,
      isFree: false,
      whopCreatedAt: '2026-01-01T00:00:00.000Z',
      whopUpdatedAt: '2026-01-02T00:00:00.000Z',
    });
    const free = mapPlan({
      ...plan,
      product: null,
      plan_type: 'one_time',
      billing_period: null,
      initial_price: 0,
      renewal_price: 0,
      trial_period_days: null,
    });
    expect([free.isFree, free.productWhopId, free.planType]).toEqual([true, null, 'one_time']);
  });
  it('maps products and members', () => {
    expect(
      mapProduct({
        id: 'prod_1',
        title: 'Pro',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
        visibility: 'visible',
      }).visibility,
    ).toBe('visible');
    const member = {
      id: 'mber_1',
      joined_at: '2026-01-01T00:00:00.000Z',
      status: 'joined' as const,
      updated_at: '2026-01-05T00:00:00.000Z',
      user: { id: 'user_1', email: null, name: 'A', username: 'a' },
    };
    expect(mapMember(member)).toEqual({
      whopMemberId: 'mber_1',
      whopUserId: 'user_1',
      name: 'A',
      username: 'a',
      email: null,
      joinedAt: '2026-01-01T00:00:00.000Z',
      status: 'joined',
      whopUpdatedAt: '2026-01-05T00:00:00.000Z',
    });
    expect(mapMember({ ...member, user: null })).toBeNull();
  });
  it('maps courses, lessons and activity kinds', () => {
    expect(
      mapCourse({ id: 'cors_1', title: 'Start', order: '2', created_at: '2026-01-01T00:00:00.000Z' }),
    ).toMatchObject({ kind: 'course', position: 2, parentWhopId: null });
    expect(
      mapLesson({ id: 'lesn_1', title: 'Intro', order: 0, created_at: '2026-01-01T00:00:00.000Z' }, 'cors_1'),
    ).toMatchObject({ kind: 'lesson', parentWhopId: 'cors_1', position: 0 });
    const user = { id: 'user_1' };
    expect(mapMessage({ id: 'msg_1', created_at: 1701406800, user } as never)).toEqual({
      externalId: 'msg_1',
      kind: 'message',
      occurredAt: '2023-12-01T05:00:00.000Z',
      userWhopId: 'user_1',
      contentWhopId: null,
      value: null,
    });
    expect(mapForumPost({ id: 'post_1', created_at: '2023-12-01T05:00:00.000Z', user }).kind).toBe('forum_post');
    const interaction = {
      id: 'crsi_1',
      completed: true,
      created_at: '2023-12-01T05:00:00.000Z',
      user,
      lesson: { id: 'lesn_1' },
    };
    expect(mapLessonInteraction(interaction, 8)).toMatchObject({
      kind: 'lesson_complete',
      contentWhopId: 'lesn_1',
      value: 12.5,
    });
    expect(mapLessonInteraction({ ...interaction, completed: false }, 8)).toMatchObject({
      kind: 'lesson_view',
      value: null,
    });
    expect(lessonProgressPoints(0)).toBe(0);
  });
});
