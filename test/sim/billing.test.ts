// The simulated billing is realistic and consistent with the payment-based reconstruction of docs/metrics.md#mrr.
import { describe, expect, it } from 'vitest';
import { community, DAY, END, groupBy, ms } from './sim-fixture.ts';

describe('simulated billing', () => {
  const sim = community();
  const planById = new Map(sim.plans.map((p) => [p.id, p]));
  const periodOf = (planId: string) => planById.get(planId)!.billing_period;

  it('sells every plan, in a believable mix', () => {
    const byPlan = groupBy(sim.memberships, (m) => planById.get(m.plan.id)!.title ?? '');
    expect(byPlan.size).toBe(sim.plans.length);
    const share = (title: string) => byPlan.get(title)!.length / sim.memberships.length;
    expect(share('Pro monthly')).toBeGreaterThan(0.15);
    expect(share('Free community')).toBeGreaterThan(0.12);
    expect(share('Pro lifetime')).toBeLessThan(0.06);
    expect(share('Pro annual')).toBeGreaterThan(0.03);
    for (const m of sim.memberships)
      if (m.status === 'canceled' || m.status === 'canceling') expect(m.canceled_at).not.toBeNull();
    const statuses = new Set(sim.memberships.map((m) => m.status));
    for (const s of ['active', 'canceled', 'expired', 'canceling', 'past_due']) expect(statuses).toContain(s);
  });

  it('renews every billing period: each cycle charge comes one period after the previous payment', () => {
    const byMembership = groupBy(sim.payments, (p) => p.membership!.id);
    let cycles = 0;
    for (const pays of byMembership.values()) {
      const sorted = [...pays].sort((a, b) => a.created_at.localeCompare(b.created_at));
      for (let i = 1; i < sorted.length; i++) {
        const cur = sorted[i]!;
        if (cur.billing_reason !== 'subscription_cycle') continue;
        const prev = sorted[i - 1]!;
        expect(prev.paid_at).not.toBeNull();
        expect(ms(cur.created_at) - ms(prev.paid_at!)).toBe(periodOf(prev.plan!.id)! * DAY);
        cycles++;
      }
    }
    expect(cycles).toBeGreaterThan(5000);
  });

  it('has plan changes charged at the new price', () => {
    const changes = sim.payments.filter((p) => p.billing_reason === 'subscription_update');
    expect(changes.length).toBeGreaterThan(20);
    for (const p of changes) expect(p.total).toBe(planById.get(p.plan!.id)!.renewal_price);
    const upgradedTo = new Set(changes.map((p) => planById.get(p.plan!.id)!.title));
    expect(upgradedTo).toContain('VIP monthly');
    expect(upgradedTo).toContain('Lite monthly');
  });

  it('has failed renewals: some recovered within days, others ending in delinquent churn', () => {
    const recovered = sim.payments.filter((p) => p.status === 'paid' && (p.payments_failed ?? 0) > 0);
    const lost = sim.payments.filter((p) => p.substatus === 'failed');
    expect(recovered.length).toBeGreaterThan(50);
    expect(lost.length).toBeGreaterThan(30);
    for (const p of recovered) {
      const days = (ms(p.paid_at!) - ms(p.created_at)) / DAY;
      expect(days).toBeGreaterThan(0.9);
      expect(days).toBeLessThan(12);
    }
    const memberships = new Map(sim.memberships.map((m) => [m.id, m]));
    for (const p of lost) {
      expect(p.paid_at).toBeNull();
      expect(p.failure_message).toBeTruthy();
      expect(memberships.get(p.membership!.id)!.status).toBe('expired');
    }
  });

  it('has refunds that match their payments', () => {
    expect(sim.refunds.length).toBeGreaterThan(30);
    const payments = new Map(sim.payments.map((p) => [p.id, p]));
    for (const r of sim.refunds) {
      const p = payments.get(r.payment!.id)!;
      expect(p.refunded_amount).toBe(r.amount);
      expect(r.amount).toBeLessThanOrEqual(p.total!);
      expect(['refunded', 'partially_refunded']).toContain(p.substatus);
      expect(r.created_at >= p.paid_at!).toBe(true);
    }
    expect(sim.payments.filter((p) => p.substatus === 'partially_refunded').length).toBeGreaterThan(0);
  });

  it('lets payment history recover the current state (docs/metrics.md#mrr reconstruction)', () => {
    const end = ms(END);
    const byMembership = groupBy(sim.payments, (p) => p.membership!.id);
    let checked = 0;
    for (const m of sim.memberships) {
      const period = periodOf(m.plan.id);
      if (period === null) continue;
      const paid = (byMembership.get(m.id) ?? []).filter((p) => p.paid_at !== null && p.substatus !== 'refunded');
      const covering = paid.some((p) => ms(p.paid_at!) <= end && end < ms(p.paid_at!) + periodOf(p.plan!.id)! * DAY);
      if (m.status === 'active' || m.status === 'canceling') {
        expect(covering).toBe(true);
        expect(m.renewal_period_end! > END).toBe(true);
        checked++;
      } else if (m.status === 'trialing') {
        expect(paid).toHaveLength(0);
        expect(ms(m.renewal_period_end!) - ms(m.created_at)).toBe(7 * DAY);
      } else if (m.status === 'past_due') {
        const open = (byMembership.get(m.id) ?? []).filter((p) => p.status === 'open');
        expect(open).toHaveLength(1);
        expect(end - ms(open[0]!.created_at)).toBeLessThan(14 * DAY);
      } else if (m.status === 'canceled' && m.cancel_at_period_end && paid.length > 0) {
        const last = paid.reduce((a, b) => (a.paid_at! > b.paid_at! ? a : b));
        expect(ms(m.renewal_period_end!)).toBe(ms(last.paid_at!) + periodOf(last.plan!.id)! * DAY);
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('has trials that convert, with the first charge when the trial ends', () => {
    const trialPlan = sim.plans.find((p) => p.trial_period_days !== null)!;
    const trials = sim.memberships.filter((m) => m.plan.id === trialPlan.id);
    const firstCharge = new Map<string, string>();
    for (const p of sim.payments)
      if (p.billing_reason === 'subscription_create' && !firstCharge.has(p.membership!.id))
        firstCharge.set(p.membership!.id, p.created_at);
    const converted = trials.filter((m) => firstCharge.has(m.id));
    expect(converted.length / trials.length).toBeGreaterThan(0.3);
    expect(converted.length / trials.length).toBeLessThan(0.9);
    for (const m of converted) expect(ms(firstCharge.get(m.id)!) - ms(m.created_at)).toBe(7 * DAY);
  });

  it('keeps member totals consistent with payments and refunds', () => {
    const spent = new Map<string, number>();
    for (const p of sim.payments)
      if (p.paid_at)
        spent.set(
          p.user!.id,
          (spent.get(p.user!.id) ?? 0) + Math.round(p.total! * 100) - Math.round((p.refunded_amount ?? 0) * 100),
        );
    for (const m of sim.members) expect(Math.round(m.usd_total_spent * 100)).toBe(spent.get(m.user!.id) ?? 0);
  });
});
