// Applying one stored Whop webhook to the tables, inside the caller's transaction, with the same guarded upserts
// as the sync: an older event after a newer one changes nothing (whop_updated_at, refund status order, and for
// disputes the envelope timestamp against the payment's whop_updated_at, which the dispute then moves forward).
import type { CourseLessonInteraction, Membership, Payment } from '@whop/sdk/resources/shared';
import type { PoolClient } from '../db/queryable.ts';
import { mapLessonInteraction, mapMembership, mapMessage, mapPayment, mapRefund, memberFromUser } from './map.ts';
import type { WriteCount } from './rows.ts';
import { lessonsInCourse } from './sync-activity.ts';
import { activityWrite, memberStubsWrite, membershipsWrite, paymentsWrite, refundsWrite } from './tables.ts';
import { upsert } from './upsert.ts';

export interface WebhookEnvelope {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  company_id?: string | null;
  api_version?: string;
}

/** The parent rows an event needs are not there yet: stored unapplied, applied by a replay after the next sync. */
export class DeferredWebhook extends Error {}

const handlers: Record<string, (tx: PoolClient, companyId: number, e: WebhookEnvelope) => Promise<WriteCount>> = {
  membership: async (tx, companyId, e) => {
    const m = e.data as unknown as Membership;
    if (m.user) await upsert(tx, memberStubsWrite, companyId, [memberFromUser(m.user, m.member?.id ?? null)]);
    const w = await upsert(tx, membershipsWrite, companyId, [mapMembership(m)]);
    if (w.skipped) throw new DeferredWebhook(`membership ${m.id}: member or plan ${m.plan.id} not synced yet`);
    return w;
  },
  payment: async (tx, companyId, e) => {
    const p = e.data as unknown as Payment;
    if (p.user) await upsert(tx, memberStubsWrite, companyId, [memberFromUser(p.user, p.member?.id ?? null)]);
    return upsert(tx, paymentsWrite, companyId, [mapPayment(p)]);
  },
  refund: async (tx, companyId, e) => {
    const row = mapRefund(e.data as unknown as Parameters<typeof mapRefund>[0]);
    if (!row) throw new DeferredWebhook(`refund ${String(e.data.id)} has no payment`);
    const w = await upsert(tx, refundsWrite, companyId, [row]);
    if (w.skipped) throw new DeferredWebhook(`refund ${row.whopId}: payment ${row.paymentWhopId} not synced yet`);
    return w;
  },
  dispute: async (tx, companyId, e) => {
    const d = e.data as { status?: string; payment?: { id: string } | null };
    if (!d.payment || !d.status) return { inserted: 0, updated: 0, skipped: 1 };
    const substatus = d.status === 'other' ? 'open_dispute' : `dispute_${d.status}`;
    const res = await tx.query({
      name: 'whop_apply_dispute',
      // The dispute is the newest fact about the payment: it moves whop_updated_at to the event's time, so an older
      // version of the payment (a sync page, a late webhook) cannot undo it, and a replay changes nothing.
      text: `update payments set substatus = $3, whop_updated_at = $4 where company_id = $1 and whop_id = $2
        and (whop_updated_at is null or whop_updated_at < $4) returning id`,
      values: [companyId, d.payment.id, substatus, e.timestamp],
    });
    const known = await tx.query({
      name: 'whop_payment_exists',
      text: 'select 1 from payments where company_id = $1 and whop_id = $2',
      values: [companyId, d.payment.id],
    });
    if (known.rowCount === 0) throw new DeferredWebhook(`dispute on payment ${d.payment.id} not synced yet`);
    return { inserted: 0, updated: res.rowCount ?? 0, skipped: 0 };
  },
  course_lesson_interaction: async (tx, companyId, e) => {
    const i = { ...(e.data as unknown as CourseLessonInteraction), completed: true };
    const n = await lessonsInCourse(tx, companyId, i.course.id);
    return upsert(tx, activityWrite, companyId, [mapLessonInteraction(i, n)]);
  },
  chat: async (tx, companyId, e) => {
    const msg = (e.data as { message?: Parameters<typeof mapMessage>[0] }).message;
    if (!msg) return { inserted: 0, updated: 0, skipped: 1 };
    return upsert(tx, activityWrite, companyId, [mapMessage(msg)]);
  },
};

/**
 * The one list of the company event types Pulse applies (each needs a handler above, by the part before the dot).
 * Every other type is stored as `ignored` on arrival, never replayed, and pruned after a while; an event of a listed
 * type whose company is not in Pulse yet waits as `pending` and is applied once the company links.
 */
export const APPLIED_TYPES: ReadonlySet<string> = new Set([
  'membership.activated',
  'membership.deactivated',
  'membership.trial_ending_soon',
  'membership.cancel_at_period_end_changed',
  'payment.created',
  'payment.succeeded',
  'payment.failed',
  'payment.pending',
  'refund.created',
  'refund.updated',
  'dispute.created',
  'dispute.updated',
  'course_lesson_interaction.completed',
  'chat.message.created',
]);

/** Whether Pulse applies events of this type (APPLIED_TYPES); others are stored as ignored and acknowledged. */
export function isAppliedType(type: string): boolean {
  return APPLIED_TYPES.has(type);
}

export function applyWebhook(tx: PoolClient, companyId: number, e: WebhookEnvelope): Promise<WriteCount> {
  if (!isAppliedType(e.type)) throw new Error(`event type ${e.type} is not applied`);
  const handler = handlers[e.type.split('.')[0]!];
  if (!handler) throw new Error(`no handler for ${e.type}`);
  return handler(tx, companyId, e);
}
