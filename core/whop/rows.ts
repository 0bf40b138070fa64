// What the upserts take: one Whop object's columns, with foreign keys still named by Whop ids (resolved to our ids
// inside the statement). Money is already integer minor units; times ISO strings.
export interface ProductRow {
  whopId: string;
  title: string;
  visibility: string | null;
  whopCreatedAt: string | null;
  whopUpdatedAt: string | null;
}

export interface PlanRow {
  whopId: string;
  productWhopId: string | null;
  title: string | null;
  planType: 'renewal' | 'one_time';
  billingPeriodDays: number | null;
  initialPriceMinor: number;
  renewalPriceMinor: number;
  currency: string;
  trialPeriodDays: number | null;
  isFree: boolean;
  whopCreatedAt: string | null;
  whopUpdatedAt: string | null;
}

export interface MemberRow {
  whopMemberId: string | null;
  whopUserId: string;
  name: string | null;
  username: string | null;
  email: string | null;
  joinedAt: string | null;
  status: string | null;
  whopUpdatedAt: string | null;
}

export interface MembershipRow {
  whopId: string;
  userWhopId: string | null;
  memberWhopId: string | null;
  planWhopId: string;
  productWhopId: string | null;
  status: string;
  startedAt: string;
  joinedAt: string | null;
  renewalPeriodStart: string | null;
  renewalPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  cancelOption: string | null;
  endedAt: string | null;
  whopUpdatedAt: string | null;
}

export interface PaymentRow {
  whopId: string;
  membershipWhopId: string | null;
  userWhopId: string | null;
  memberWhopId: string | null;
  planWhopId: string | null;
  amountMinor: number;
  currency: string;
  status: string;
  substatus: string | null;
  billingReason: string | null;
  kind: 'initial' | 'renewal' | 'one_time' | 'other';
  paidAt: string | null;
  failedAt: string | null;
  refundedAmountMinor: number;
  refundedAt: string | null;
  failureMessage: string | null;
  whopCreatedAt: string;
  whopUpdatedAt: string | null;
  /** Whop's payments_failed, last_payment_attempt and next_payment_attempt (the failed-payment rescue shows them). */
  attempts: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

export interface RefundRow {
  whopId: string;
  paymentWhopId: string;
  amountMinor: number;
  currency: string;
  status: string;
  whopCreatedAt: string;
}

export interface ContentRow {
  whopId: string;
  kind: 'course' | 'lesson' | 'post' | 'file';
  parentWhopId: string | null;
  title: string;
  position: number | null;
  whopCreatedAt: string | null;
}

export interface ActivityRow {
  externalId: string;
  kind: 'message' | 'visit' | 'lesson_view' | 'lesson_complete' | 'forum_post' | 'reaction';
  occurredAt: string;
  userWhopId: string | null;
  contentWhopId: string | null;
  value: number | null;
}

/** Rows a write touched: inserted, updated (a real change), and skipped (a parent it needs is unknown). */
export interface WriteCount {
  inserted: number;
  updated: number;
  skipped: number;
}

export const noWrites = (): WriteCount => ({ inserted: 0, updated: 0, skipped: 0 });

export function addCounts(a: WriteCount, b: WriteCount): WriteCount {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, skipped: a.skipped + b.skipped };
}
