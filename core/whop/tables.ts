// The upsert of each table Whop ingestion writes (docs/data-model.md), over upsert.ts.
import type {
  ActivityRow,
  ContentRow,
  MemberRow,
  MembershipRow,
  PaymentRow,
  PlanRow,
  ProductRow,
  RefundRow,
} from './rows.ts';
import type { Lookup, TableWrite } from './upsert.ts';

const newerOrSame = 't.whop_updated_at is null or excluded.whop_updated_at >= t.whop_updated_at';
const byWhopId = (r: { whopId: string }) => r.whopId;
const byKey = '(company_id, whop_id)';
/** A member by Whop user id, else by member id (payloads without a user). */
const memberLookup = (user: string, member: string, required: boolean): Lookup => ({
  column: 'member_id',
  required,
  sibling: { table: 'members', key: 'whop_user_id', input: user },
  sql: `select coalesce((select m.id from members m where m.company_id = $1 and m.whop_user_id = i.${user}),
    (select m.id from members m where i.${user} is null and m.company_id = $1 and m.whop_member_id = i.${member} limit 1))`,
});
/** Our id of a row named by its Whop id (also among rows the same statement inserts). */
const idOf = (column: string, table: string, input: string, required: boolean): Lookup => ({
  column,
  required,
  sibling: { table, key: 'whop_id', input },
  sql: `select x.id from ${table} x where x.company_id = $1 and x.whop_id = i.${input}`,
});

export const productsWrite: TableWrite<ProductRow> = {
  name: 'whop_upsert_products',
  table: 'products',
  key: byWhopId,
  conflict: byKey,
  onConflict: 'update',
  guard: newerOrSame,
  inputs: [
    { name: 'whop_id', type: 'text', get: (r) => r.whopId },
    { name: 'title', type: 'text', get: (r) => r.title },
    { name: 'visibility', type: 'text', get: (r) => r.visibility },
    { name: 'whop_created_at', type: 'timestamptz', get: (r) => r.whopCreatedAt },
    { name: 'whop_updated_at', type: 'timestamptz', get: (r) => r.whopUpdatedAt },
  ],
  columns: ['whop_id', 'title', 'visibility', 'whop_created_at', 'whop_updated_at'],
  lookups: [],
};

export const plansWrite: TableWrite<PlanRow> = {
  name: 'whop_upsert_plans',
  table: 'plans',
  key: byWhopId,
  conflict: byKey,
  onConflict: 'update',
  guard: newerOrSame,
  inputs: [
    { name: 'whop_id', type: 'text', get: (r) => r.whopId },
    { name: 'product_whop_id', type: 'text', get: (r) => r.productWhopId },
    { name: 'title', type: 'text', get: (r) => r.title },
    { name: 'plan_type', type: 'text', get: (r) => r.planType },
    { name: 'billing_period_days', type: 'int', get: (r) => r.billingPeriodDays },
    { name: 'initial_price_minor', type: 'bigint', get: (r) => r.initialPriceMinor },
    { name: 'renewal_price_minor', type: 'bigint', get: (r) => r.renewalPriceMinor },
    { name: 'currency', type: 'text', get: (r) => r.currency },
    { name: 'trial_period_days', type: 'int', get: (r) => r.trialPeriodDays },
    { name: 'is_free', type: 'boolean', get: (r) => r.isFree },
    { name: 'whop_created_at', type: 'timestamptz', get: (r) => r.whopCreatedAt },
    { name: 'whop_updated_at', type: 'timestamptz', get: (r) => r.whopUpdatedAt },
  ],
  columns: [
    'whop_id',
    'title',
    'plan_type',
    'billing_period_days',
    'initial_price_minor',
    'renewal_price_minor',
    'currency',
    'trial_period_days',
    'is_free',
    'whop_created_at',
    'whop_updated_at',
  ],
  lookups: [idOf('product_id', 'products', 'product_whop_id', false)],
};

export const membersWrite: TableWrite<MemberRow> = {
  name: 'whop_upsert_members',
  table: 'members',
  key: (r) => r.whopUserId,
  conflict: '(company_id, whop_user_id)',
  onConflict: 'update',
  guard: newerOrSame,
  inputs: [
    { name: 'whop_member_id', type: 'text', get: (r) => r.whopMemberId },
    { name: 'whop_user_id', type: 'text', get: (r) => r.whopUserId },
    { name: 'name', type: 'text', get: (r) => r.name },
    { name: 'username', type: 'text', get: (r) => r.username },
    { name: 'email', type: 'text', get: (r) => r.email },
    { name: 'joined_at', type: 'timestamptz', get: (r) => r.joinedAt },
    { name: 'status', type: 'text', get: (r) => r.status },
    { name: 'whop_updated_at', type: 'timestamptz', get: (r) => r.whopUpdatedAt },
  ],
  columns: ['whop_member_id', 'whop_user_id', 'name', 'username', 'email', 'joined_at', 'status', 'whop_updated_at'],
  lookups: [],
};

/** Members known only from a membership or payment: inserted bare, never overwriting a synced member. */
export const memberStubsWrite: TableWrite<MemberRow> = {
  ...membersWrite,
  name: 'whop_insert_member_stubs',
  onConflict: 'nothing',
};

export const membershipsWrite: TableWrite<MembershipRow> = {
  name: 'whop_upsert_memberships',
  table: 'memberships',
  key: byWhopId,
  conflict: byKey,
  onConflict: 'update',
  guard: newerOrSame,
  inputs: [
    { name: 'whop_id', type: 'text', get: (r) => r.whopId },
    { name: 'user_whop_id', type: 'text', get: (r) => r.userWhopId },
    { name: 'member_whop_id', type: 'text', get: (r) => r.memberWhopId },
    { name: 'plan_whop_id', type: 'text', get: (r) => r.planWhopId },
    { name: 'product_whop_id', type: 'text', get: (r) => r.productWhopId },
    { name: 'status', type: 'text', get: (r) => r.status },
    { name: 'started_at', type: 'timestamptz', get: (r) => r.startedAt },
    { name: 'joined_at', type: 'timestamptz', get: (r) => r.joinedAt },
    { name: 'renewal_period_start', type: 'timestamptz', get: (r) => r.renewalPeriodStart },
    { name: 'renewal_period_end', type: 'timestamptz', get: (r) => r.renewalPeriodEnd },
    { name: 'cancel_at_period_end', type: 'boolean', get: (r) => r.cancelAtPeriodEnd },
    { name: 'canceled_at', type: 'timestamptz', get: (r) => r.canceledAt },
    { name: 'cancel_option', type: 'text', get: (r) => r.cancelOption },
    { name: 'ended_at', type: 'timestamptz', get: (r) => r.endedAt },
    { name: 'whop_updated_at', type: 'timestamptz', get: (r) => r.whopUpdatedAt },
  ],
  columns: [
    'whop_id',
    'status',
    'started_at',
    'joined_at',
    'renewal_period_start',
    'renewal_period_end',
    'cancel_at_period_end',
    'canceled_at',
    'cancel_option',
    'ended_at',
    'whop_updated_at',
  ],
  lookups: [
    memberLookup('user_whop_id', 'member_whop_id', true),
    idOf('plan_id', 'plans', 'plan_whop_id', true),
    idOf('product_id', 'products', 'product_whop_id', false),
  ],
};

export const paymentsWrite: TableWrite<PaymentRow> = {
  name: 'whop_upsert_payments',
  table: 'payments',
  key: byWhopId,
  conflict: byKey,
  onConflict: 'update',
  guard: newerOrSame,
  inputs: [
    { name: 'whop_id', type: 'text', get: (r) => r.whopId },
    { name: 'membership_whop_id', type: 'text', get: (r) => r.membershipWhopId },
    { name: 'user_whop_id', type: 'text', get: (r) => r.userWhopId },
    { name: 'member_whop_id', type: 'text', get: (r) => r.memberWhopId },
    { name: 'plan_whop_id', type: 'text', get: (r) => r.planWhopId },
    { name: 'amount_minor', type: 'bigint', get: (r) => r.amountMinor },
    { name: 'currency', type: 'text', get: (r) => r.currency },
    { name: 'status', type: 'text', get: (r) => r.status },
    { name: 'substatus', type: 'text', get: (r) => r.substatus },
    { name: 'billing_reason', type: 'text', get: (r) => r.billingReason },
    { name: 'kind', type: 'text', get: (r) => r.kind },
    { name: 'paid_at', type: 'timestamptz', get: (r) => r.paidAt },
    { name: 'failed_at', type: 'timestamptz', get: (r) => r.failedAt },
    { name: 'refunded_amount_minor', type: 'bigint', get: (r) => r.refundedAmountMinor },
    { name: 'refunded_at', type: 'timestamptz', get: (r) => r.refundedAt },
    { name: 'failure_message', type: 'text', get: (r) => r.failureMessage },
    { name: 'whop_created_at', type: 'timestamptz', get: (r) => r.whopCreatedAt },
    { name: 'whop_updated_at', type: 'timestamptz', get: (r) => r.whopUpdatedAt },
    { name: 'attempts', type: 'int', get: (r) => r.attempts },
    { name: 'last_attempt_at', type: 'timestamptz', get: (r) => r.lastAttemptAt },
    { name: 'next_attempt_at', type: 'timestamptz', get: (r) => r.nextAttemptAt },
  ],
  columns: [
    'whop_id',
    'amount_minor',
    'currency',
    'status',
    'substatus',
    'billing_reason',
    'kind',
    'paid_at',
    'failed_at',
    'refunded_amount_minor',
    'refunded_at',
    'failure_message',
    'whop_created_at',
    'whop_updated_at',
    'attempts',
    'last_attempt_at',
    'next_attempt_at',
  ],
  lookups: [
    idOf('membership_id', 'memberships', 'membership_whop_id', false),
    memberLookup('user_whop_id', 'member_whop_id', false),
    idOf('plan_id', 'plans', 'plan_whop_id', false),
  ],
};

const settled = `'succeeded', 'failed', 'canceled'`;
export const refundsWrite: TableWrite<RefundRow> = {
  name: 'whop_upsert_refunds',
  table: 'refunds',
  key: byWhopId,
  conflict: byKey,
  onConflict: 'update',
  // Refunds carry no updated_at: a settled refund never goes back to pending.
  guard: `not (t.status in (${settled}) and excluded.status not in (${settled}))`,
  inputs: [
    { name: 'whop_id', type: 'text', get: (r) => r.whopId },
    { name: 'payment_whop_id', type: 'text', get: (r) => r.paymentWhopId },
    { name: 'amount_minor', type: 'bigint', get: (r) => r.amountMinor },
    { name: 'currency', type: 'text', get: (r) => r.currency },
    { name: 'status', type: 'text', get: (r) => r.status },
    { name: 'whop_created_at', type: 'timestamptz', get: (r) => r.whopCreatedAt },
  ],
  columns: ['whop_id', 'amount_minor', 'currency', 'status', 'whop_created_at'],
  lookups: [idOf('payment_id', 'payments', 'payment_whop_id', true)],
};

export const contentWrite: TableWrite<ContentRow> = {
  name: 'whop_upsert_content',
  table: 'content_items',
  key: byWhopId,
  conflict: byKey,
  onConflict: 'update',
  inputs: [
    { name: 'whop_id', type: 'text', get: (r) => r.whopId },
    { name: 'kind', type: 'text', get: (r) => r.kind },
    { name: 'parent_whop_id', type: 'text', get: (r) => r.parentWhopId },
    { name: 'title', type: 'text', get: (r) => r.title },
    { name: 'position', type: 'int', get: (r) => r.position },
    { name: 'whop_created_at', type: 'timestamptz', get: (r) => r.whopCreatedAt },
  ],
  columns: ['whop_id', 'kind', 'title', 'position', 'whop_created_at'],
  lookups: [idOf('parent_id', 'content_items', 'parent_whop_id', false)],
};

const completes = `t.kind = 'lesson_view' and excluded.kind = 'lesson_complete'`;
const revalued = `t.kind = excluded.kind and excluded.value is not null and t.value is distinct from excluded.value`;
/**
 * Append-only, keyed by Whop's id. A later version may only fill in an author or lesson unknown the first time, turn a
 * lesson view into its completion (never back), or set a completion's progress points.
 */
export const activityWrite: TableWrite<ActivityRow> = {
  name: 'whop_insert_activity',
  table: 'activity_events',
  key: (r) => r.externalId,
  conflict: `(company_id, source, external_id, occurred_at) where external_id is not null`,
  inserted: `not exists (select 1 from activity_events o where o.company_id = t.company_id and o.source = t.source
    and o.external_id = t.external_id and o.occurred_at = t.occurred_at)`,
  onConflict: {
    set: `member_id = coalesce(t.member_id, excluded.member_id), content_item_id = coalesce(t.content_item_id, excluded.content_item_id),
      kind = case when ${completes} then excluded.kind else t.kind end,
      value = case when (${completes}) or (${revalued}) then excluded.value else t.value end`,
    where: `(t.member_id is null and excluded.member_id is not null) or (t.content_item_id is null and excluded.content_item_id is not null)
      or (${completes}) or (${revalued})`,
  },
  inputs: [
    { name: 'external_id', type: 'text', get: (r) => r.externalId },
    { name: 'kind', type: 'text', get: (r) => r.kind },
    { name: 'source', type: 'text', get: () => 'whop' },
    { name: 'occurred_at', type: 'timestamptz', get: (r) => r.occurredAt },
    { name: 'user_whop_id', type: 'text', get: (r) => r.userWhopId },
    { name: 'content_whop_id', type: 'text', get: (r) => r.contentWhopId },
    { name: 'value', type: 'real', get: (r) => r.value },
  ],
  columns: ['external_id', 'kind', 'source', 'occurred_at', 'value'],
  lookups: [
    {
      column: 'member_id',
      sql: `select m.id from members m where m.company_id = $1 and m.whop_user_id = i.user_whop_id`,
      required: false,
      sibling: { table: 'members', key: 'whop_user_id', input: 'user_whop_id' },
    },
    idOf('content_item_id', 'content_items', 'content_whop_id', false),
  ],
};
