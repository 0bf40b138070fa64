// Changes to the fake's data as they happen on Whop: each bumps updated_at, stores the new version (so a sync sees
// it) and, when a webhook target is set, delivers the matching signed webhook.
import type { CourseLessonInteraction, Membership, Payment } from '@whop/sdk/resources/shared';
import type { MessageListResponse } from '@whop/sdk/resources/messages';
import type { RefundListResponse } from '@whop/sdk/resources/refunds';
import { timeMs } from './dataset.ts';
import type { FakeStore } from './store.ts';
import {
  makeEnvelope,
  sendWebhook,
  type SendResult,
  type WebhookEnvelope,
  type WebhookTarget,
} from './webhook-sender.ts';

export type { WebhookTarget } from './webhook-sender.ts';
export interface Mutation {
  envelope: WebhookEnvelope;
  delivery?: SendResult;
}

/** now, but strictly after `previous` so an edit always moves updated_at forward. */
function nextStamp(previous: string | null | undefined): string {
  return new Date(Math.max(Date.now(), timeMs(previous) + 1)).toISOString();
}

function membershipEvent(before: Membership, after: Membership): string {
  if (before.cancel_at_period_end !== after.cancel_at_period_end) return 'membership.cancel_at_period_end_changed';
  const live = (s: string) => s === 'active' || s === 'trialing' || s === 'past_due' || s === 'canceling';
  return live(after.status) ? 'membership.activated' : 'membership.deactivated';
}

function paymentEvent(p: Payment): string {
  if (p.status === 'paid') return 'payment.succeeded';
  if (p.substatus === 'failed' || p.status === 'uncollectible') return 'payment.failed';
  return p.status === 'pending' || p.status === 'open' ? 'payment.pending' : 'payment.created';
}

export class FakeMutations {
  private readonly store: FakeStore;
  target: WebhookTarget | undefined;
  constructor(store: FakeStore, target?: WebhookTarget) {
    this.store = store;
    this.target = target;
  }

  private async emit(type: string, data: unknown, companyId: string): Promise<Mutation> {
    const envelope = makeEnvelope(type, data, companyId);
    return { envelope, delivery: this.target ? await sendWebhook(this.target, envelope) : undefined };
  }

  async changeMembership(companyId: string, id: string, patch: Partial<Membership>, type?: string): Promise<Mutation> {
    const col = this.store.company(companyId).memberships;
    const before = col.get(id);
    if (!before) throw new Error(`no membership ${id}`);
    const after: Membership = { ...before, ...patch, updated_at: nextStamp(before.updated_at) };
    col.put(after);
    return this.emit(type ?? membershipEvent(before, after), after, companyId);
  }

  async addPayment(companyId: string, payment: Payment): Promise<Mutation> {
    this.store.company(companyId).payments.put(payment);
    return this.emit(paymentEvent(payment), payment, companyId);
  }

  async changePayment(companyId: string, id: string, patch: Partial<Payment>): Promise<Mutation> {
    const col = this.store.company(companyId).payments;
    const before = col.get(id);
    if (!before) throw new Error(`no payment ${id}`);
    const after: Payment = { ...before, ...patch, updated_at: nextStamp(before.updated_at) };
    col.put(after);
    return this.emit(paymentEvent(after), after, companyId);
  }

  /** A refund, with the payment's refunded amount and substatus moved along. */
  async addRefund(companyId: string, refund: RefundListResponse): Promise<Mutation> {
    const c = this.store.company(companyId);
    c.refunds.put(refund);
    const payment = refund.payment ? c.payments.get(refund.payment.id) : undefined;
    if (payment && refund.status === 'succeeded') {
      const refunded = Math.round(((payment.refunded_amount ?? 0) + refund.amount) * 100) / 100;
      c.payments.put({
        ...payment,
        refunded_amount: refunded,
        refunded_at: refund.created_at,
        substatus: refunded >= (payment.total ?? 0) ? 'refunded' : 'partially_refunded',
        updated_at: nextStamp(payment.updated_at),
      });
    }
    const data = { ...refund, payment: payment ? { ...payment, refunds: undefined } : refund.payment };
    return this.emit('refund.created', data, companyId);
  }

  async addMessage(companyId: string, channelId: string, message: MessageListResponse): Promise<Mutation> {
    const c = this.store.company(companyId);
    const channel = c.chatChannels.get(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    c.messages.put({ channel_id: channelId, message });
    const data = {
      audience: { type: 'channel', user_ids: null },
      channel: { id: channelId, type: 'chat', experience_id: channel.experience.id },
      message,
      reason: 'message_created',
    };
    return this.emit('chat.message.created', data, companyId);
  }

  async completeLesson(companyId: string, interaction: CourseLessonInteraction): Promise<Mutation> {
    const done = { ...interaction, completed: true };
    this.store.company(companyId).lessonInteractions.put(done);
    return this.emit('course_lesson_interaction.completed', done, companyId);
  }
}
