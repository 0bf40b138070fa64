// Whop v1 objects -> the row shapes of docs/data-model.md (core/whop/rows.ts), as pure functions shared by
// sync, webhooks and the bulk loader. Money: decimal major units -> integer minor units by decimal-string
// arithmetic (never a float multiply). Times: ISO strings or unix seconds -> canonical ISO strings.
import type { CourseListResponse } from '@whop/sdk/resources/courses';
import type { CourseLessonListResponse } from '@whop/sdk/resources/course-lessons';
import type { MemberListResponse } from '@whop/sdk/resources/members';
import type { BillingReasons } from '@whop/sdk/resources/payments';
import type { PlanListResponse } from '@whop/sdk/resources/plans';
import type { RefundListResponse } from '@whop/sdk/resources/refunds';
import type {
  CourseLessonInteractionListItem,
  ForumPost,
  Membership,
  MembershipStatus,
  Message,
  Payment,
  ProductListItem,
} from '@whop/sdk/resources/shared';
import { BadInput } from '../errors.ts';
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

// ---------- money ----------

/** ISO 4217 (and Stripe's) zero-decimal currencies; Whop sends lowercase codes. */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
/** Crypto: satoshis for btc, micro-units for usdt; eth/ape in gwei (wei would not fit a safe integer). */
const CRYPTO: Record<string, number> = { btc: 8, usdt: 6, eth: 9, ape: 9 };

/** Digits after the decimal point in the minor unit of a currency (2 unless listed above). */
export function currencyExponent(currency: string): number {
  const c = currency.toLowerCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return CRYPTO[c] ?? 2;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * A decimal amount in major units (a JSON number such as 6.9, or its text) as integer minor units of the
 * currency: 6.9 usd -> 690, 0.1 + 0.2 usd -> 30, 1234.5 jpy -> 1235. Works on the number's shortest decimal
 * text, so it is exact; digits beyond the minor unit are rounded half away from zero.
 */
export function toMinorUnits(amount: number | string, currency: string): number {
  if (typeof amount === 'number' && !Number.isFinite(amount))
    throw new BadInput(`amount ${amount} is not a finite number`);
  const m = DECIMAL.exec(String(amount).trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new BadInput(`amount "${amount}" is not a decimal number`);
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = (m[2] ?? '').length + Number(m[4] ?? 0) + currencyExponent(currency);
  let whole: string;
  let rest: string;
  if (point <= 0) [whole, rest] = ['0', '0'.repeat(-point) + digits];
  else if (point >= digits.length) [whole, rest] = [digits + '0'.repeat(point - digits.length), ''];
  else [whole, rest] = [digits.slice(0, point), digits.slice(point)];
  let minor = Number(whole || '0') + ((rest[0] ?? '0') >= '5' ? 1 : 0);
  if (!Number.isSafeInteger(minor)) throw new BadInput(`amount "${amount}" ${currency} is too large`);
  if (m[1] === '-' && minor !== 0) minor = -minor;
  return minor;
}

const money = (amount: number | null | undefined, currency: string): number =>
  amount == null ? 0 : toMinorUnits(amount, currency);

// ---------- time ----------

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/** A canonical string whose fields are in range (checked by hand: the sync and bulk-load hot path). */
function validCanonical(s: string): boolean {
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || two(s, 11) > 23 || two(s, 14) > 59 || two(s, 17) > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/**
 * A Whop timestamp as a canonical ISO string (`2023-12-01T05:00:00.401Z`): accepts ISO-8601 text and unix
 * seconds (number or digits; values of 1e11 and more are taken as milliseconds). null/undefined/'' -> null.
 */
export function parseWhopTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && value.length === 24 && CANONICAL.test(value)) {
    if (validCanonical(value)) return value;
    throw new BadInput(`"${value}" is not a timestamp`);
  }
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value))) {
    const n = Number(value);
    ms = Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  } else if (typeof value === 'string') ms = Date.parse(value);
  else if (value instanceof Date) ms = value.getTime();
  else ms = NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new BadInput(`"${String(value)}" is not a timestamp`);
  return new Date(ms).toISOString();
}

/** parseWhopTime for a field that must be present. */
export function requireWhopTime(value: unknown, field: string): string {
  const t = parseWhopTime(value);
  if (t === null) throw new BadInput(`${field} is missing`);
  return t;
}

// ---------- catalog ----------

type ProductInput = Pick<ProductListItem, 'id' | 'title' | 'created_at' | 'updated_at'> & {
  visibility?: string | null;
};

export function mapProduct(p: ProductInput): ProductRow {
  return {
    whopId: p.id,
    title: p.title,
    visibility: p.visibility ?? null,
    whopCreatedAt: parseWhopTime(p.created_at),
    whopUpdatedAt: parseWhopTime(p.updated_at),
  };
}

type PlanInput = Pick<
  PlanListResponse,
  | 'id'
  | 'product'
  | 'title'
  | 'plan_type'
  | 'billing_period'
  | 'initial_price'
  | 'renewal_price'
  | 'currency'
  | 'trial_period_days'
  | 'created_at'
  | 'updated_at'
>;

/** Plan rows; `product` is untyped in the SDK and arrives as {id, title}. A free plan costs 0 both ways. */
export function mapPlan(p: PlanInput): PlanRow {
  const product = p.product as { id?: unknown } | null;
  const initial = money(p.initial_price, p.currency);
  const renewal = money(p.renewal_price, p.currency);
  return {
    whopId: p.id,
    productWhopId: typeof product?.id === 'string' ? product.id : null,
    title: p.title,
    planType: p.plan_type === 'one_time' ? 'one_time' : 'renewal',
    billingPeriodDays: p.billing_period ?? null,
    initialPriceMinor: initial,
    renewalPriceMinor: renewal,
    currency: p.currency.toLowerCase(),
    trialPeriodDays: p.trial_period_days ?? null,
    isFree: initial === 0 && renewal === 0,
    whopCreatedAt: parseWhopTime(p.created_at),
    whopUpdatedAt: parseWhopTime(p.updated_at),
  };
}

// ---------- people and access ----------

type UserInput = { id: string; email?: string | null; name?: string | null; username?: string | null };
type MemberInput = Pick<MemberListResponse, 'id' | 'joined_at' | 'status' | 'updated_at'> & { user: UserInput | null };

/** A member row from GET /members; null when Whop sent no user (the row is keyed by user id). */
export function mapMember(m: MemberInput): MemberRow | null {
  if (!m.user) return null;
  return {
    whopMemberId: m.id,
    whopUserId: m.user.id,
    name: m.user.name ?? null,
    username: m.user.username ?? null,
    email: m.user.email ?? null,
    joinedAt: parseWhopTime(m.joined_at),
    status: m.status,
    whopUpdatedAt: parseWhopTime(m.updated_at),
  };
}

/** A bare member row from the user (and member id) a membership or payment carries. */
export function memberFromUser(user: UserInput, memberId: string | null = null): MemberRow {
  return {
    whopMemberId: memberId,
    whopUserId: user.id,
    name: user.name ?? null,
    username: user.username ?? null,
    email: user.email ?? null,
    joinedAt: null,
    status: null,
    whopUpdatedAt: null,
  };
}

const ENDED: ReadonlySet<MembershipStatus> = new Set(['canceled', 'expired', 'completed']);

type MembershipInput = Pick<
  Membership,
  | 'id'
  | 'status'
  | 'created_at'
  | 'updated_at'
  | 'joined_at'
  | 'renewal_period_start'
  | 'renewal_period_end'
  | 'cancel_at_period_end'
  | 'canceled_at'
  | 'cancel_option'
> & {
  plan: { id: string };
  product: { id: string } | null;
  user: UserInput | null;
  member: { id: string } | null;
};

/**
 * When access ended, for a membership in a final status (canceled, expired, completed); null while it lasts.
 * Cancelled at period end: the period's end. Cancelled at once: the cancel time. Otherwise (expired after failed
 * renewals, completed) the last update, which is when Whop revoked access.
 */
export function membershipEndedAt(
  m: Pick<MembershipInput, 'status' | 'cancel_at_period_end' | 'renewal_period_end' | 'canceled_at' | 'updated_at'>,
): string | null {
  if (!ENDED.has(m.status)) return null;
  const periodEnd = parseWhopTime(m.renewal_period_end);
  if (m.cancel_at_period_end && periodEnd !== null) return periodEnd;
  const canceled = parseWhopTime(m.canceled_at);
  if (m.status === 'canceled' && canceled !== null) return canceled;
  return parseWhopTime(m.updated_at);
}

export function mapMembership(m: MembershipInput): MembershipRow {
  return {
    whopId: m.id,
    userWhopId: m.user?.id ?? null,
    memberWhopId: m.member?.id ?? null,
    planWhopId: m.plan.id,
    productWhopId: m.product?.id ?? null,
    status: m.status,
    startedAt: requireWhopTime(m.created_at, 'membership created_at'),
    joinedAt: parseWhopTime(m.joined_at),
    renewalPeriodStart: parseWhopTime(m.renewal_period_start),
    renewalPeriodEnd: parseWhopTime(m.renewal_period_end),
    cancelAtPeriodEnd: m.cancel_at_period_end,
    canceledAt: parseWhopTime(m.canceled_at),
    cancelOption: m.cancel_option ?? null,
    endedAt: membershipEndedAt(m),
    whopUpdatedAt: parseWhopTime(m.updated_at),
  };
}

// ---------- money movements ----------

/**
 * Payment kind from Whop's billing_reason: subscription_create -> initial; subscription_cycle, subscription_update
 * (a plan change charged on an existing subscription) and the generic subscription -> renewal; one_time -> one_time;
 * manual or absent -> other.
 */
export function paymentKind(reason: BillingReasons | null | undefined): PaymentRow['kind'] {
  switch (reason) {
    case 'subscription_create':
      return 'initial';
    case 'subscription_cycle':
    case 'subscription_update':
    case 'subscription':
      return 'renewal';
    case 'one_time':
      return 'one_time';
    default:
      return 'other';
  }
}

const FAILED_SUBSTATUS: ReadonlySet<string> = new Set(['failed', 'past_due', 'uncollectible']);

type PaymentInput = Pick<
  Payment,
  | 'id'
  | 'total'
  | 'subtotal'
  | 'currency'
  | 'status'
  | 'substatus'
  | 'billing_reason'
  | 'paid_at'
  | 'refunded_amount'
  | 'refunded_at'
  | 'failure_message'
  | 'created_at'
  | 'updated_at'
  | 'payments_failed'
> & {
  membership: { id: string } | null;
  member: { id: string } | null;
  user: { id: string } | null;
  plan: { id: string } | null;
} & Partial<Pick<Payment, 'last_payment_attempt' | 'next_payment_attempt'>>;

/**
 * A payment row. amount = Whop `total` (subtotal when total is null). failed_at = the first attempt (created_at)
 * of a charge that failed at least once, whether it was later recovered (paid, payments_failed > 0) or not.
 */
export function mapPayment(p: PaymentInput): PaymentRow {
  const failed = (p.payments_failed ?? 0) > 0 || FAILED_SUBSTATUS.has(p.substatus);
  const createdAt = requireWhopTime(p.created_at, 'payment created_at');
  return {
    whopId: p.id,
    membershipWhopId: p.membership?.id ?? null,
    userWhopId: p.user?.id ?? null,
    memberWhopId: p.member?.id ?? null,
    planWhopId: p.plan?.id ?? null,
    amountMinor: money(p.total ?? p.subtotal, p.currency),
    currency: p.currency.toLowerCase(),
    status: p.status ?? p.substatus,
    substatus: p.substatus ?? null,
    billingReason: p.billing_reason ?? null,
    kind: paymentKind(p.billing_reason),
    paidAt: parseWhopTime(p.paid_at),
    failedAt: failed ? createdAt : null,
    refundedAmountMinor: money(p.refunded_amount, p.currency),
    refundedAt: parseWhopTime(p.refunded_at),
    failureMessage: p.failure_message ?? null,
    whopCreatedAt: createdAt,
    whopUpdatedAt: parseWhopTime(p.updated_at),
    attempts: p.payments_failed ?? null,
    lastAttemptAt: parseWhopTime(p.last_payment_attempt ?? null),
    nextAttemptAt: parseWhopTime(p.next_payment_attempt ?? null),
  };
}

type RefundInput = Pick<RefundListResponse, 'id' | 'amount' | 'currency' | 'status' | 'created_at'> & {
  payment: { id: string } | null;
};

/** A refund row; null when Whop sent no payment (the row needs one). */
export function mapRefund(r: RefundInput): RefundRow | null {
  if (!r.payment) return null;
  return {
    whopId: r.id,
    paymentWhopId: r.payment.id,
    amountMinor: toMinorUnits(r.amount, r.currency),
    currency: r.currency.toLowerCase(),
    status: r.status,
    whopCreatedAt: requireWhopTime(r.created_at, 'refund created_at'),
  };
}

// ---------- content and activity ----------

export function mapCourse(c: Pick<CourseListResponse, 'id' | 'title' | 'order' | 'created_at'>): ContentRow {
  const position = Number.parseInt(c.order, 10);
  return {
    whopId: c.id,
    kind: 'course',
    parentWhopId: null,
    title: c.title ?? 'Untitled course',
    position: Number.isFinite(position) ? position : null,
    whopCreatedAt: parseWhopTime(c.created_at),
  };
}

export function mapLesson(
  l: Pick<CourseLessonListResponse, 'id' | 'title' | 'order' | 'created_at'>,
  courseId: string,
): ContentRow {
  return {
    whopId: l.id,
    kind: 'lesson',
    parentWhopId: courseId,
    title: l.title,
    position: l.order,
    whopCreatedAt: parseWhopTime(l.created_at),
  };
}

/** Course progress a completed lesson is worth, in percentage points (100 / lessons in the course). */
export function lessonProgressPoints(lessonsInCourse: number): number {
  return lessonsInCourse > 0 ? 100 / lessonsInCourse : 0;
}

type Authored = { id: string; created_at: string; user: { id: string } | null };

export function mapMessage(m: Pick<Message, 'id' | 'created_at'> & Authored): ActivityRow {
  return {
    externalId: m.id,
    kind: 'message',
    occurredAt: requireWhopTime(m.created_at, 'message created_at'),
    userWhopId: m.user?.id ?? null,
    contentWhopId: null,
    value: null,
  };
}

export function mapForumPost(p: Pick<ForumPost, 'id' | 'created_at'> & Authored): ActivityRow {
  return {
    externalId: p.id,
    kind: 'forum_post',
    occurredAt: requireWhopTime(p.created_at, 'forum post created_at'),
    userWhopId: p.user?.id ?? null,
    contentWhopId: null,
    value: null,
  };
}

/**
 * A lesson interaction: lesson_complete (worth lessonProgressPoints of its course when the course size is known)
 * or lesson_view. Whop keeps one interaction per user and lesson, so its id is the idempotency key.
 */
export function mapLessonInteraction(
  i: Pick<CourseLessonInteractionListItem, 'id' | 'completed' | 'created_at'> & Authored & { lesson: { id: string } },
  lessonsInCourse?: number,
): ActivityRow {
  return {
    externalId: i.id,
    kind: i.completed ? 'lesson_complete' : 'lesson_view',
    occurredAt: requireWhopTime(i.created_at, 'interaction created_at'),
    userWhopId: i.user?.id ?? null,
    contentWhopId: i.lesson.id,
    value: i.completed && lessonsInCourse !== undefined ? lessonProgressPoints(lessonsInCourse) : null,
  };
}
