// One simulated member's Whop objects as COPY text lines, through the same mapping sync and webhooks use
// (core/whop/map.ts), with foreign keys resolved to ids reserved in advance.
import type { MemberBundle } from '../sim/index.ts';
import {
  mapForumPost,
  mapLessonInteraction,
  mapMembership,
  mapMessage,
  mapPayment,
  mapRefund,
} from '../../core/whop/map.ts';
import type { ActivityRow } from '../../core/whop/rows.ts';
import type { CatalogIds } from './catalog.ts';
import { iso } from '../sim/time.ts';
import { bool, NULL, num, Sink, time, txt } from './copy-text.ts';

/** COPY text per table for a batch of members, and what it holds. */
export interface Batch {
  members: Sink;
  memberships: Sink;
  payments: Sink;
  refunds: Sink;
  activity: Sink;
  counts: { members: number; memberships: number; payments: number; refunds: number; activity_events: number };
  /** Sums of amount_minor over payments and refunds (for checking a load). */
  paymentsMinor: number;
  refundsMinor: number;
}

export function emptyBatch(): Batch {
  return {
    members: new Sink(),
    memberships: new Sink(),
    payments: new Sink(),
    refunds: new Sink(),
    activity: new Sink(1 << 20),
    counts: { members: 0, memberships: 0, payments: 0, refunds: 0, activity_events: 0 },
    paymentsMinor: 0,
    refundsMinor: 0,
  };
}

/** Empties a batch for reuse (its buffers stay allocated: large buffers churned per batch cost full GCs). */
export function resetBatch(b: Batch): Batch {
  for (const sink of [b.members, b.memberships, b.payments, b.refunds, b.activity]) sink.reset();
  b.counts = { members: 0, memberships: 0, payments: 0, refunds: 0, activity_events: 0 };
  b.paymentsMinor = 0;
  b.refundsMinor = 0;
  return b;
}

export interface NextIds {
  member: number;
  membership: number;
  payment: number;
}

/** Appends one member to the batch, taking ids from `ids` (advanced in place). */
export function encodeBundle(b: MemberBundle, cat: CatalogIds, ids: NextIds, batch: Batch): void {
  const c = String(cat.companyId);
  const m = b.member;
  const memberId = ids.member++;
  const user = m.user!;
  batch.members.write(
    `${memberId}\t${c}\t${txt(m.id)}\t${txt(user.id)}\t${txt(user.name)}\t${txt(user.username)}\t${txt(user.email)}\t${time(m.joined_at)}\t${txt(m.status)}\t${time(m.updated_at)}\n`,
  );
  const membershipIds = new Map<string, number>();
  for (const ms of b.memberships) {
    const r = mapMembership(ms);
    const id = ids.membership++;
    membershipIds.set(r.whopId, id);
    batch.memberships.write(
      `${id}\t${c}\t${txt(r.whopId)}\t${memberId}\t${ref(cat.plans, r.planWhopId)}\t${ref(cat.products, r.productWhopId)}\t${txt(r.status)}\t${time(r.startedAt)}\t${time(r.joinedAt)}\t${time(r.renewalPeriodStart)}\t${time(r.renewalPeriodEnd)}\t${bool(r.cancelAtPeriodEnd)}\t${time(r.canceledAt)}\t${txt(r.cancelOption)}\t${time(r.endedAt)}\t${time(r.whopUpdatedAt)}\n`,
    );
  }
  const paymentIds = new Map<string, number>();
  for (const p of b.payments) {
    const r = mapPayment(p);
    const id = ids.payment++;
    paymentIds.set(r.whopId, id);
    batch.paymentsMinor += r.amountMinor;
    const membership = r.membershipWhopId === null ? NULL : num(membershipIds.get(r.membershipWhopId));
    batch.payments.write(
      `${id}\t${c}\t${txt(r.whopId)}\t${membership}\t${memberId}\t${ref(cat.plans, r.planWhopId)}\t${r.amountMinor}\t${txt(r.currency)}\t${txt(r.status)}\t${txt(r.substatus)}\t${txt(r.billingReason)}\t${r.kind}\t${time(r.paidAt)}\t${time(r.failedAt)}\t${r.refundedAmountMinor}\t${time(r.refundedAt)}\t${txt(r.failureMessage)}\t${time(r.whopCreatedAt)}\t${time(r.whopUpdatedAt)}\n`,
    );
  }
  for (const rf of b.refunds) {
    const r = mapRefund(rf);
    if (!r) continue;
    batch.counts.refunds++;
    batch.refundsMinor += r.amountMinor;
    batch.refunds.write(
      `${c}\t${txt(r.whopId)}\t${num(paymentIds.get(r.paymentWhopId))}\t${r.amountMinor}\t${txt(r.currency)}\t${txt(r.status)}\t${time(r.whopCreatedAt)}\n`,
    );
  }
  const prefix = `${c}\t${memberId}\t`;
  const out = batch.activity;
  const whop = (a: ActivityRow) => {
    out.write(
      `${prefix}${a.kind}\twhop\t${a.occurredAt}\t${ref(cat.content, a.contentWhopId)}\t${num(a.value)}\t${txt(a.externalId)}\n`,
    );
  };
  for (const x of b.messages) whop(mapMessage(x.message));
  for (const x of b.forumPosts) whop(mapForumPost(x.post));
  for (const x of b.lessonInteractions) whop(mapLessonInteraction(x, cat.lessonsInCourse.get(x.lesson.id)));
  for (const at of b.visits) out.write(`${prefix}visit\tdiscord\t${iso(at)}\t${NULL}\t${NULL}\t${NULL}\n`);
  const counts = batch.counts;
  counts.members++;
  counts.memberships += b.memberships.length;
  counts.payments += b.payments.length;
  counts.activity_events += b.messages.length + b.forumPosts.length + b.lessonInteractions.length + b.visits.length;
}

function ref(ids: Map<string, number>, whopId: string | null): string {
  if (whopId === null) return NULL;
  const id = ids.get(whopId);
  if (id === undefined) throw new Error(`unknown Whop id ${whopId}`);
  return String(id);
}
