// What the simulator records about a member: the full history of their memberships and payments
// (times in epoch ms), from which Whop objects are projected as they stand on any date.
import type { CancelOptions } from '@whop/sdk/resources/memberships';
import type { BillingReasons } from '@whop/sdk/resources/payments';
import type { PlanKey, ProductKey } from './plans.ts';

export interface PaymentRecord {
  id: string;
  planKey: PlanKey;
  /** First charge attempt (or purchase). */
  createdMs: number;
  amountCents: number;
  billingReason: BillingReasons;
  /** When the charge succeeded; null if it never did. */
  paidMs: number | null;
  /** Failed attempts (first one = createdMs) before success or giving up. */
  failedAttemptsMs: number[];
  /** When retries stopped without payment. */
  gaveUpMs: number | null;
  refund: { id: string; ms: number; cents: number } | null;
}

export interface MembershipRecord {
  id: string;
  productKey: ProductKey;
  createdMs: number;
  /** Plan changes in time order; the first entry is the plan bought. */
  plans: Array<{ ms: number; key: PlanKey }>;
  trialEndMs: number | null;
  /** Renewal periods as Whop shows them (trial, paid, and billed-but-unpaid). */
  periods: Array<{ startMs: number; endMs: number }>;
  cancel: { ms: number; atPeriodEnd: boolean; option: CancelOptions | null; reason: string | null } | null;
  /** When Whop ended access, and the status it ended in. */
  endMs: number | null;
  endStatus: 'canceled' | 'expired' | null;
  pastDue: Array<{ fromMs: number; toMs: number }>;
  /** Times of every change (for updated_at). */
  changesMs: number[];
  payments: PaymentRecord[];
}

export interface ChurnEvent {
  /** Cancel click, refund, or the failed renewal. */
  initiatedMs: number;
  /** When the churn counts (access end for cancellations, the failed renewal for delinquency). */
  churnMs: number;
  kind: 'voluntary' | 'delinquent';
}

export interface Snapshot {
  atMs: number;
  engagement: number;
  subscribed: boolean;
  hazardDaily: number;
  hazard30d: number;
}

export interface MemberHistory {
  index: number;
  userId: string;
  memberId: string;
  name: string;
  username: string;
  email: string;
  joinMs: number;
  baseEngagement: number;
  /** Engagement per day from the join day (0 while away). */
  path: Float32Array;
  pathStartDay: number;
  /** Intervals [from, to) in which the member takes part in the community. */
  presence: Array<[number, number]>;
  memberships: MembershipRecord[];
  churns: ChurnEvent[];
  /** At each month end up to endDate, then at endDate. */
  snapshots: Snapshot[];
  /** Subscribed at the end of the hidden horizon after endDate. */
  subscribedAtHorizon: boolean;
}
