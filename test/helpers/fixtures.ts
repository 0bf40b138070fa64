// A concise builder of tenant rows for integration tests: a company, then its products, plans, members,
// memberships, payments (paid / failed / refunded), refunds, content items and activity events, written
// with plain SQL. Every id and Whop id is generated; every time is an ISO string or a Date.
//
//   const fx = await openFixtures(db.url);
//   const co = await fx.company({ timeZone: 'Asia/Tokyo' });
//   const plan = await co.plan({ price: 1000, periodDays: 30 });
//   const ann = await co.member({ name: 'Ann' });
//   const sub = await co.subscribe(ann, plan, { at: '2026-01-05T10:00:00Z', payments: 3 });
//   await co.refund(sub.payments[2]!, { at: '2026-03-10T00:00:00Z' });
//   await fx.close();
import pg from 'pg';
import { insertRow, insertRows, iso, type Sql, type When } from './fixture-rows.ts';

export type { Sql, When } from './fixture-rows.ts';
export { iso } from './fixture-rows.ts';

export interface CompanyOpts {
  whopId?: string;
  name?: string;
  tier?: 'free' | 'pro' | 'enterprise';
  timeZone?: string;
  currency?: string;
  settings?: Record<string, unknown>;
}
export interface PlanOpts {
  /** Renewal price in minor units (default 1000). */ price?: number;
  /** Initial price (default: the renewal price). */ initialPrice?: number;
  /** Days between renewals (default 30); null with type one_time. */ periodDays?: number | null;
  type?: 'renewal' | 'one_time';
  free?: boolean;
  trialDays?: number | null;
  title?: string;
  currency?: string;
  product?: Row;
  whopId?: string;
}
export interface MemberOpts {
  whopUserId?: string;
  name?: string;
  username?: string;
  email?: string;
  joinedAt?: When;
  status?: string;
}
export interface MembershipOpts {
  startedAt: When;
  status?: string;
  endedAt?: When | null;
  canceledAt?: When | null;
  cancelAtPeriodEnd?: boolean;
  renewalPeriodStart?: When | null;
  renewalPeriodEnd?: When | null;
  whopId?: string;
}
export interface PaymentOpts {
  paidAt: When /** Minor units (default: the plan's renewal price, or initial price for kind initial). */;
  amount?: number;
  kind?: 'initial' | 'renewal' | 'one_time' | 'other';
  billingReason?: string | null;
  currency?: string;
  whopId?: string;
  /** A failed attempt on this same payment before it was paid (a recovered payment). */ failedAt?: When;
}
export interface FailedPaymentOpts {
  failedAt: When;
  amount?: number;
  kind?: 'initial' | 'renewal' | 'other';
  currency?: string;
  message?: string;
  whopId?: string;
}
export interface RefundOpts {
  at: When /** Minor units (default: the whole payment). */;
  amount?: number;
  status?: string;
  whopId?: string;
}
export interface ContentOpts {
  kind?: 'course' | 'lesson' | 'post' | 'file';
  title?: string;
  parent?: Row;
  position?: number;
  createdAt?: When;
  whopId?: string;
}
export interface EventOpts {
  at: When;
  kind?: 'message' | 'visit' | 'lesson_view' | 'lesson_complete' | 'forum_post' | 'reaction';
  source?: 'whop' | 'discord' | 'slack';
  content?: Row;
  value?: number;
  externalId?: string;
}

export interface Row {
  id: number;
  whopId: string;
}
export interface PlanRow extends Row {
  priceMinor: number;
  initialPriceMinor: number;
  periodDays: number | null;
  currency: string;
}
export interface MembershipRow extends Row {
  memberId: number;
  plan: PlanRow;
}
export interface PaymentRow extends Row {
  amountMinor: number;
  membershipId: number | null;
  currency: string;
}
export interface Subscription {
  membership: MembershipRow;
  payments: PaymentRow[];
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}_fx${process.pid}x${++seq}`;

export interface Fixtures {
  sql: Sql;
  company(opts?: CompanyOpts): Promise<CompanyFixture>;
  close(): Promise<void>;
}

/** Fixtures on a pool of their own; `close()` ends it. */
export async function openFixtures(url: string): Promise<Fixtures> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined); // idle connections closed by dropping the database
  return { ...fixtures(pool), close: () => pool.end() };
}

/** Fixtures on a connection the caller owns. */
export function fixtures(sql: Sql): Fixtures {
  return {
    sql,
    async company(opts = {}) {
      const c = {
        whopId: opts.whopId ?? nextId('biz'),
        timeZone: opts.timeZone ?? 'UTC',
        currency: opts.currency ?? 'usd',
      };
      const id = await insertRow(sql, 'companies', {
        whop_company_id: c.whopId,
        name: opts.name ?? `Company ${c.whopId}`,
        tier: opts.tier ?? 'pro',
        time_zone: c.timeZone,
        currency: c.currency,
        settings: JSON.stringify(opts.settings ?? {}),
      });
      return companyFixture(sql, { id, ...c });
    },
    close: async () => undefined,
  };
}

export type CompanyFixture = ReturnType<typeof companyFixture>;

function companyFixture(sql: Sql, co: { id: number; whopId: string; timeZone: string; currency: string }) {
  const put = (table: string, values: Record<string, unknown>) =>
    insertRow(sql, table, { company_id: co.id, ...values });
  const self = {
    ...co,
    async product(opts: { title?: string; whopId?: string } = {}): Promise<Row> {
      const whopId = opts.whopId ?? nextId('prod');
      return { id: await put('products', { whop_id: whopId, title: opts.title ?? whopId }), whopId };
    },
    async plan(opts: PlanOpts = {}): Promise<PlanRow> {
      const type = opts.type ?? (opts.periodDays === null ? 'one_time' : 'renewal');
      const periodDays = type === 'one_time' ? null : (opts.periodDays ?? 30);
      const priceMinor = opts.free ? 0 : (opts.price ?? 1000);
      const initialPriceMinor = opts.free ? 0 : (opts.initialPrice ?? priceMinor);
      const p = {
        whopId: opts.whopId ?? nextId('plan'),
        priceMinor,
        initialPriceMinor,
        periodDays,
        currency: opts.currency ?? co.currency,
      };
      const id = await put('plans', {
        whop_id: p.whopId,
        product_id: opts.product?.id ?? null,
        title: opts.title ?? null,
        plan_type: type,
        billing_period_days: periodDays,
        initial_price_minor: initialPriceMinor,
        renewal_price_minor: type === 'one_time' ? 0 : priceMinor,
        currency: p.currency,
        trial_period_days: opts.trialDays ?? null,
        is_free: opts.free ?? false,
      });
      return { id, ...p };
    },
    async member(opts: MemberOpts = {}): Promise<Row> {
      const whopId = opts.whopUserId ?? nextId('user');
      const id = await put('members', {
        whop_user_id: whopId,
        whop_member_id: `mber_${whopId}`,
        name: opts.name ?? null,
        username: opts.username ?? null,
        email: opts.email ?? null,
        joined_at: iso(opts.joinedAt),
        status: opts.status ?? 'joined',
      });
      return { id, whopId };
    },
    async membership(member: Row, plan: PlanRow, opts: MembershipOpts): Promise<MembershipRow> {
      const whopId = opts.whopId ?? nextId('mem');
      const id = await put('memberships', {
        whop_id: whopId,
        member_id: member.id,
        plan_id: plan.id,
        status: opts.status ?? (opts.endedAt ? 'canceled' : 'active'),
        started_at: iso(opts.startedAt),
        joined_at: iso(opts.startedAt),
        renewal_period_start: iso(opts.renewalPeriodStart),
        renewal_period_end: iso(opts.renewalPeriodEnd),
        cancel_at_period_end: opts.cancelAtPeriodEnd ?? false,
        canceled_at: iso(opts.canceledAt),
        ended_at: iso(opts.endedAt),
      });
      return { id, whopId, memberId: member.id, plan };
    },
    /** Access ended (cancelled at period end, cancelled at once, expired): sets ended_at and the status. */
    async endMembership(
      m: MembershipRow,
      opts: { at: When; status?: string; cancelAtPeriodEnd?: boolean },
    ): Promise<void> {
      await sql.query(
        `update memberships set ended_at = $2, status = $3, cancel_at_period_end = $4, canceled_at = coalesce(canceled_at, $2)
         where id = $1 and company_id = $5`,
        [m.id, iso(opts.at), opts.status ?? 'canceled', opts.cancelAtPeriodEnd ?? false, co.id],
      );
    },
    /** A successful charge on a membership (or a one-time purchase on `plan` by `member` when membership is null). */
    async payment(m: MembershipRow | { member: Row; plan: PlanRow }, opts: PaymentOpts): Promise<PaymentRow> {
      const plan = m.plan;
      const membershipId = 'memberId' in m ? m.id : null;
      const memberId = 'memberId' in m ? m.memberId : m.member.id;
      const kind = opts.kind ?? (plan.periodDays === null ? 'one_time' : 'renewal');
      const amountMinor =
        opts.amount ?? (kind === 'initial' || kind === 'one_time' ? plan.initialPriceMinor : plan.priceMinor);
      const whopId = opts.whopId ?? nextId('pay');
      const currency = opts.currency ?? plan.currency;
      const id = await put('payments', {
        whop_id: whopId,
        membership_id: membershipId,
        member_id: memberId,
        plan_id: plan.id,
        amount_minor: amountMinor,
        currency,
        status: 'paid',
        substatus: 'succeeded',
        billing_reason: opts.billingReason ?? billingReasonOf(kind),
        kind,
        paid_at: iso(opts.paidAt),
        failed_at: iso(opts.failedAt),
        whop_created_at: iso(opts.failedAt ?? opts.paidAt),
      });
      return { id, whopId, amountMinor, membershipId, currency };
    },
    /** A renewal attempt that failed and stays unpaid (a later success is another payment). */
    async failedPayment(m: MembershipRow, opts: FailedPaymentOpts): Promise<PaymentRow> {
      const kind = opts.kind ?? 'renewal';
      const amountMinor = opts.amount ?? m.plan.priceMinor;
      const whopId = opts.whopId ?? nextId('pay');
      const currency = opts.currency ?? m.plan.currency;
      const id = await put('payments', {
        whop_id: whopId,
        membership_id: m.id,
        member_id: m.memberId,
        plan_id: m.plan.id,
        amount_minor: amountMinor,
        currency,
        status: 'open',
        substatus: 'failed',
        billing_reason: billingReasonOf(kind),
        kind,
        failed_at: iso(opts.failedAt),
        failure_message: opts.message ?? 'card_declined',
        whop_created_at: iso(opts.failedAt),
      });
      return { id, whopId, amountMinor, membershipId: m.id, currency };
    },
    /** A refund row, and the payment's refunded amount, refund time and substatus brought up to date. */
    async refund(payment: PaymentRow, opts: RefundOpts): Promise<Row> {
      const amount = opts.amount ?? payment.amountMinor;
      const whopId = opts.whopId ?? nextId('rf');
      const id = await put('refunds', {
        whop_id: whopId,
        payment_id: payment.id,
        amount_minor: amount,
        currency: payment.currency,
        status: opts.status ?? 'succeeded',
        whop_created_at: iso(opts.at),
      });
      if ((opts.status ?? 'succeeded') === 'succeeded') {
        await sql.query(
          `update payments set refunded_amount_minor = refunded_amount_minor + $2::bigint, refunded_at = $3,
             substatus = case when refunded_amount_minor + $2::bigint >= amount_minor then 'refunded' else 'partially_refunded' end
           where id = $1 and company_id = $4`,
          [payment.id, amount, iso(opts.at), co.id],
        );
      }
      return { id, whopId };
    },
    /**
     * A membership paid `payments` times back to back from `at` (first payment kind initial), each one
     * plan period after the previous; `endedAt` closes access.
     */
    async subscribe(
      member: Row,
      plan: PlanRow,
      opts: { at: When; payments?: number; endedAt?: When; status?: string; cancelAtPeriodEnd?: boolean },
    ): Promise<Subscription> {
      const start = new Date(iso(opts.at)!).getTime();
      const periodMs = (plan.periodDays ?? 0) * 86_400_000;
      const count = opts.payments ?? 1;
      const lastStart = start + (count - 1) * periodMs;
      const membership = await self.membership(member, plan, {
        startedAt: opts.at,
        endedAt: opts.endedAt ?? null,
        status: opts.status,
        cancelAtPeriodEnd: opts.cancelAtPeriodEnd,
        renewalPeriodStart: new Date(lastStart),
        renewalPeriodEnd: new Date(lastStart + periodMs),
      });
      const payments: PaymentRow[] = [];
      for (let i = 0; i < count; i++) {
        payments.push(
          await self.payment(membership, {
            paidAt: new Date(start + i * periodMs),
            kind: i === 0 ? 'initial' : 'renewal',
          }),
        );
      }
      return { membership, payments };
    },
    async content(opts: ContentOpts = {}): Promise<Row> {
      const whopId = opts.whopId ?? nextId('cont');
      const id = await put('content_items', {
        whop_id: whopId,
        kind: opts.kind ?? 'post',
        parent_id: opts.parent?.id ?? null,
        title: opts.title ?? whopId,
        position: opts.position ?? null,
        whop_created_at: iso(opts.createdAt),
      });
      return { id, whopId };
    },
    async event(member: Row | null, opts: EventOpts): Promise<number> {
      return insertRow(sql, 'activity_events', eventRow(co.id, member, opts));
    },
    /** Many events in one statement (chunked); returns their ids. */
    async events(member: Row | null, list: EventOpts[]): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < list.length; i += 1000) {
        ids.push(
          ...(await insertRows(
            sql,
            'activity_events',
            list.slice(i, i + 1000).map((opts) => eventRow(co.id, member, opts)),
          )),
        );
      }
      return ids;
    },
  };
  return self;
}

function eventRow(companyId: number, member: Row | null, opts: EventOpts): Record<string, unknown> {
  return {
    company_id: companyId,
    member_id: member?.id ?? null,
    kind: opts.kind ?? 'message',
    source: opts.source ?? 'whop',
    occurred_at: iso(opts.at),
    content_item_id: opts.content?.id ?? null,
    value: opts.value ?? null,
    external_id: opts.externalId ?? null,
  };
}

function billingReasonOf(kind: string): string | null {
  return kind === 'initial'
    ? 'subscription_create'
    : kind === 'renewal'
      ? 'subscription_cycle'
      : kind === 'one_time'
        ? 'one_time'
        : null;
}
