// Random payment histories for the property tests, from a seed: a few members, each with memberships on
// monthly, quarterly, annual, weekly and odd-period plans, renewals charged on time or a little late,
// failed renewals recovered in time or not, full and partial refunds, cancellations at period end or at
// once, mid-period plan changes, trials, other currencies and one-time purchases.
import { addDays, localDay, type Day } from '../../core/period.ts';
import type { CompanyFixture, Fixtures, PlanRow } from '../helpers/fixtures.ts';

const DAY = 86_400_000;
const ZONES = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'];

/** mulberry32: a small seeded generator. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

export interface RandomCompany {
  co: CompanyFixture;
  asOf: Date;
  /** A few periods [from, to) ending by the day after asOf's local day. */
  periods: Array<{ from: Day; to: Day }>;
}

async function randomSubscription(
  co: CompanyFixture,
  r: Rng,
  plans: PlanRow[],
  member: { id: number; whopId: string },
  start: number,
  asOf: number,
) {
  const plan = r.pick(plans);
  const period = plan.periodDays! * DAY;
  const payments = r.int(1, 8);
  let t = start;
  let end: number | null = null;
  const m = await co.membership(member, plan, { startedAt: new Date(start) });
  for (let i = 0; i < payments && t <= asOf; i++) {
    if (i > 0 && r.chance(0.15)) {
      const failedAt = t;
      await co.failedPayment(m, { failedAt: new Date(failedAt) });
      t += r.int(1, 40) * DAY; // recovered within 30 days, or not (delinquent, then a late payment)
      if (r.chance(0.3)) break;
    }
    const late = r.chance(0.1) ? r.int(1, 36) * 3_600_000 : r.int(0, 90) * 1000;
    const paidAt = t + (i > 0 ? late : 0);
    if (paidAt > asOf + 40 * DAY) break;
    const pay = await co.payment(m, {
      paidAt: new Date(paidAt),
      kind: i === 0 ? 'initial' : 'renewal',
      amount: r.chance(0.1) ? r.int(0, plan.priceMinor * 2) : undefined,
    });
    if (r.chance(0.08))
      await co.refund(pay, {
        at: new Date(paidAt + r.int(0, plan.periodDays! - 1) * DAY + r.int(0, DAY)),
        amount: r.chance(0.5) ? undefined : r.int(1, Math.max(1, pay.amountMinor - 1)),
      });
    if (r.chance(0.1)) {
      const other = r.pick(plans);
      await co.payment(
        { ...m, plan: other },
        {
          paidAt: new Date(paidAt + r.int(1, plan.periodDays! - 1) * DAY),
          amount: r.int(100, 3000),
          kind: 'renewal',
          billingReason: 'subscription_update',
        },
      );
    }
    t = paidAt + period;
    if (r.chance(0.15)) {
      end = r.chance(0.5) ? t : paidAt + r.int(0, period);
      break;
    }
  }
  if (end !== null) await co.endMembership(m, { at: new Date(end) });
}

export async function randomCompany(fx: Fixtures, seed: number): Promise<RandomCompany> {
  const r = rng(seed);
  const co = await fx.company({ tier: 'enterprise', timeZone: r.pick(ZONES) });
  const plans: PlanRow[] = [];
  for (const days of [30, 30, 31, 90, 365, 7, 45, 182])
    plans.push(await co.plan({ price: r.int(1, 400) * 25, periodDays: days }));
  const eur = await co.plan({ price: 4000, periodDays: 30, currency: 'eur' });
  const lifetime = await co.plan({ type: 'one_time', initialPrice: 19_900 });
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  const asOf = t0 + r.int(150, 600) * DAY + r.int(0, DAY - 1);
  const members = r.int(2, 9);
  for (let i = 0; i < members; i++) {
    const member = await co.member();
    const subs = r.int(1, 3);
    for (let s = 0; s < subs; s++)
      await randomSubscription(co, r, plans, member, t0 + r.int(0, 540) * DAY + r.int(0, DAY - 1), asOf);
    if (r.chance(0.15)) await co.subscribe(member, eur, { at: new Date(t0 + r.int(0, 500) * DAY) });
    if (r.chance(0.15)) await co.payment({ member, plan: lifetime }, { paidAt: new Date(t0 + r.int(0, 500) * DAY) });
  }
  const asOfDay = localDay(new Date(asOf), co.timeZone);
  const periods = Array.from({ length: 4 }, () => {
    const to = addDays(asOfDay, -r.int(-1, 120));
    const from = r.chance(0.4) ? `${addDays(to, -r.int(20, 100)).slice(0, 7)}-01` : addDays(to, -r.int(1, 200));
    return { from, to };
  }).filter((p) => p.from < p.to);
  return { co, asOf: new Date(asOf), periods };
}
