// A small Whop company worked out by hand for the first-answers tests, its objects shaped like Whop's (taken from
// a simulated community as templates, every field that matters set here). On 2026-11-20 12:00 UTC, plan "Monthly"
// at $20 every 30 days:
//   Ana   member since 2026-10-01, paid 10-01 and 10-31, period to 11-30, forum post on 11-19   -> counted
//   Ben   member since 2026-11-05, paid 11-05, period to 12-05, asked to cancel on 11-10       -> counted
//   Cleo  member since 2026-09-25, paid 09-25 and 10-25, period to 11-24                        -> counted
//   Dev   member 2026-09-01, paid 09-01, cancelled at once on 09-20                            -> not counted
// So MRR $60.00 (three $20 monthly subscriptions) and 3 paying members; Ana alone active in the last 7 days.
// Rule-based score (core/churn/rule-score.ts), no model being trainable from one labelled snapshot:
//   Ana  renewal within 30 days (1)                                  = 1 point  -> 0.2 low
//   Ben  cancellation effective within 30 days (5), renewal within 30 days (1), new (1), no activity (2)
//                                                                    = 9 points -> 0.8 critical
//   Cleo renewal within 30 days (1), no activity for 60 days (2)      = 3 points -> 0.6 high
import { materialize } from '../../demo/sim/index.ts';
import type { FakeCompanyData } from '../../demo/fake-whop/dataset.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';

export const READY_NOW = new Date('2026-11-20T12:00:00Z');
export const READY_BIZ = 'biz_readyCo00001';

export function readyCompany(): FakeCompanyData {
  const t = companyFromSim(materialize({ seed: 3, members: 4, months: 2, endDate: '2026-11-01T00:00:00Z' }));
  const company = { id: READY_BIZ, title: 'Ready Co', route: 'ready-co' };
  const product = { ...t.products[0]!, id: 'prod_ready00001', company, title: 'Ready Pro' };
  const plan = {
    ...t.plans.find((p) => p.plan_type === 'renewal')!,
    id: 'plan_ready00001',
    account: { id: READY_BIZ },
    title: 'Monthly',
    billing_period: 30,
    initial_price: 20,
    renewal_price: 20,
    currency: 'usd' as const,
    trial_period_days: null,
    product: { id: product.id, title: product.title },
    created_at: '2026-08-01T00:00:00.000Z',
    updated_at: '2026-08-01T00:00:00.000Z',
  };
  const memberT = t.members[0]!;
  const membershipT = t.memberships[0]!;
  const paymentT = t.payments[0]!;
  const people = [
    {
      key: 'ana',
      name: 'Ana Ready',
      since: '2026-10-01T10:00:00.000Z',
      paid: ['2026-10-01T10:00:00.000Z', '2026-10-31T10:00:00.000Z'],
      periodEnd: '2026-11-30T10:00:00.000Z',
      status: 'active' as const,
      canceledAt: null as string | null,
      atPeriodEnd: false,
    },
    {
      key: 'ben',
      name: 'Ben Ready',
      since: '2026-11-05T10:00:00.000Z',
      paid: ['2026-11-05T10:00:00.000Z'],
      periodEnd: '2026-12-05T10:00:00.000Z',
      status: 'active' as const,
      canceledAt: '2026-11-10T10:00:00.000Z',
      atPeriodEnd: true,
    },
    {
      key: 'cleo',
      name: 'Cleo Ready',
      since: '2026-09-25T10:00:00.000Z',
      paid: ['2026-09-25T10:00:00.000Z', '2026-10-25T10:00:00.000Z'],
      periodEnd: '2026-11-24T10:00:00.000Z',
      status: 'active' as const,
      canceledAt: null,
      atPeriodEnd: false,
    },
    {
      key: 'dev',
      name: 'Dev Ready',
      since: '2026-09-01T10:00:00.000Z',
      paid: ['2026-09-01T10:00:00.000Z'],
      periodEnd: '2026-10-01T10:00:00.000Z',
      status: 'canceled' as const,
      canceledAt: '2026-09-20T10:00:00.000Z',
      atPeriodEnd: false,
    },
  ];
  const user = (k: string, name: string) => ({ id: `user_ready_${k}`, email: `${k}@example.com`, name, username: k });
  const members = people.map((p) => ({
    ...memberT,
    id: `mber_ready_${p.key}`,
    company: { ...company },
    created_at: p.since,
    joined_at: p.since,
    updated_at: p.paid.at(-1)!,
    status: 'joined' as const,
    user: user(p.key, p.name),
  }));
  const memberships = people.map((p) => ({
    ...membershipT,
    id: `mem_ready_${p.key}`,
    company: { id: READY_BIZ, title: company.title },
    created_at: p.since,
    joined_at: p.since,
    updated_at: p.canceledAt ?? p.paid.at(-1)!,
    status: p.status,
    cancel_at_period_end: p.atPeriodEnd,
    canceled_at: p.canceledAt,
    cancel_option: null,
    renewal_period_start: p.paid.at(-1)!,
    renewal_period_end: p.periodEnd,
    member: { id: `mber_ready_${p.key}` },
    plan: { id: plan.id, metadata: null },
    product: { id: product.id, metadata: null, title: product.title },
    user: user(p.key, p.name),
    manage_url: null,
  }));
  const payments = people.flatMap((p) =>
    p.paid.map((at, i) => ({
      ...paymentT,
      id: `pay_ready_${p.key}_${i}`,
      company: { ...company },
      created_at: at,
      paid_at: at,
      updated_at: at,
      last_payment_attempt: at,
      billing_reason: i === 0 ? ('subscription_create' as const) : ('subscription_cycle' as const),
      status: 'paid' as const,
      substatus: 'succeeded' as const,
      total: 20,
      subtotal: 20,
      usd_total: 20,
      settlement_amount: 20,
      amount_after_fees: 19.2,
      currency: 'usd' as const,
      payments_failed: 0,
      refunded_amount: null,
      refunded_at: null,
      failure_message: null,
      member: { id: `mber_ready_${p.key}`, phone: null },
      membership: { id: `mem_ready_${p.key}`, phone_number: null, status: p.status },
      plan: { id: plan.id, internal_notes: null, metadata: null },
      product: { ...paymentT.product!, id: product.id, title: product.title },
      user: user(p.key, p.name),
    })),
  );
  const forum = {
    ...t.forums[0]!,
    id: 'frm_ready00001',
    experience: { id: 'exp_ready_forum', name: 'Community forum' },
  };
  const post = {
    ...t.forumPosts[0]!.post,
    id: 'post_ready_ana',
    title: 'Hello from Ana',
    content: 'First week went well',
    created_at: '2026-11-19T09:00:00.000Z',
    updated_at: '2026-11-19T09:00:00.000Z',
    parent_id: null,
    comment_count: 0,
    like_count: 0,
    view_count: 0,
    user: { id: 'user_ready_ana', name: 'Ana Ready', username: 'ana' },
  };
  return {
    company,
    products: [product],
    plans: [plan],
    members,
    memberships,
    payments,
    refunds: [],
    disputes: [],
    courses: [],
    lessons: [],
    lessonInteractions: [],
    chatChannels: [],
    messages: [],
    forums: [forum],
    forumPosts: [{ experience_id: forum.experience.id, post }],
  };
}
