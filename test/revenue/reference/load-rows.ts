// The load half of load-and-reduce: a company's plans, memberships, payments and refunds selected into JS
// as they are stored, for the reference reduction (a second, independent implementation of docs/metrics.md#mrr
// used to cross-check the SQL rollup and as the benchmark's baseline).
import type { Queryable } from '../../../core/db/queryable.ts';

export interface RawPlan {
  recurring: boolean;
  days: number;
  renewalPriceMinor: number;
}
export interface RawMembership {
  memberId: number;
  planId: number;
  endedAt: number | null;
}
export interface RawPayment {
  id: number;
  membershipId: number | null;
  planId: number | null;
  amountMinor: number;
  currency: string;
  kind: string;
  billingReason: string | null;
  paidAt: number | null;
  failedAt: number | null;
  refundedAmountMinor: number;
  refundedAt: number | null;
}
export interface RawRefund {
  amountMinor: number;
  currency: string;
  status: string;
  at: number;
}
export interface RawCompany {
  id: number;
  tier: string;
  timeZone: string;
  currency: string;
  plans: Map<number, RawPlan>;
  memberships: Map<number, RawMembership>;
  payments: RawPayment[];
  refunds: RawRefund[];
}

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : (v as Date).getTime());

export async function loadCompanyRows(db: Queryable, companyId: number): Promise<RawCompany> {
  const [company, plans, memberships, payments, refunds] = await Promise.all([
    db.query('select tier, time_zone, currency from companies where id = $1', [companyId]),
    db.query(
      'select id, plan_type, billing_period_days, renewal_price_minor, is_free from plans where company_id = $1',
      [companyId],
    ),
    db.query('select id, member_id, plan_id, ended_at from memberships where company_id = $1', [companyId]),
    db.query(
      `select id, membership_id, plan_id, amount_minor, currency, kind, billing_reason, paid_at, failed_at,
      refunded_amount_minor, refunded_at from payments where company_id = $1`,
      [companyId],
    ),
    db.query('select amount_minor, currency, status, whop_created_at from refunds where company_id = $1', [companyId]),
  ]);
  const c = company.rows[0]!;
  return {
    id: companyId,
    tier: String(c.tier),
    timeZone: String(c.time_zone),
    currency: String(c.currency),
    plans: new Map(
      plans.rows.map((r) => [
        Number(r.id),
        {
          recurring: r.plan_type === 'renewal' && !r.is_free && Number(r.billing_period_days) > 0,
          days: Number(r.billing_period_days ?? 0),
          renewalPriceMinor: Number(r.renewal_price_minor),
        },
      ]),
    ),
    memberships: new Map(
      memberships.rows.map((r) => [
        Number(r.id),
        { memberId: Number(r.member_id), planId: Number(r.plan_id), endedAt: ms(r.ended_at) },
      ]),
    ),
    payments: payments.rows.map((r) => ({
      id: Number(r.id),
      membershipId: r.membership_id === null ? null : Number(r.membership_id),
      planId: r.plan_id === null ? null : Number(r.plan_id),
      amountMinor: Number(r.amount_minor),
      currency: String(r.currency),
      kind: String(r.kind),
      billingReason: (r.billing_reason as string | null) ?? null,
      paidAt: ms(r.paid_at),
      failedAt: ms(r.failed_at),
      refundedAmountMinor: Number(r.refunded_amount_minor),
      refundedAt: ms(r.refunded_at),
    })),
    refunds: refunds.rows.map((r) => ({
      amountMinor: Number(r.amount_minor),
      currency: String(r.currency),
      status: String(r.status),
      at: ms(r.whop_created_at)!,
    })),
  };
}
