// Verified webhooks are stored first, applied once, never regress newer state, and can be replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Membership, Payment } from '@whop/sdk/resources/shared';
import { syncCompany } from '../../core/whop/sync.ts';
import { replayWebhooks } from '../../core/whop/webhook-replay.ts';
import { makeEnvelope, sendWebhook, type WebhookEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { startWebhookApp, type WebhookApp } from './webhook-app.ts';
import { registerCompany, simCompany, whopWorld, type WhopWorld } from './world.ts';

describe('webhooks applied', () => {
  let w: WhopWorld;
  let app: WebhookApp;
  const biz = () => w.company.whopCompanyId;
  const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  beforeAll(async () => {
    w = await whopWorld({ seed: 5, members: 40, others: [simCompany(6, 10, 'biz_other_tenant')] });
    await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    app = await startWebhookApp(w.db.url);
    w.fake.mutations.target = app.target;
  });
  afterAll(async () => {
    await app?.close();
    await w?.close();
  });

  const membership = async (id: string) =>
    (
      await w.pool.query(
        `select status, cancel_at_period_end, whop_updated_at from memberships where company_id = $1 and whop_id = $2`,
        [w.company.id, id],
      )
    ).rows[0];

  it('a membership change from the fake arrives as a signed webhook and is applied', async () => {
    const m = w.data.memberships.find((x) => x.status === 'active')!;
    const sent = await w.fake.mutations.changeMembership(biz(), m.id, { cancel_at_period_end: true });
    expect(sent.delivery?.status).toBe(200);
    expect(JSON.parse(sent.delivery!.body)).toEqual({ ok: true, outcome: 'applied' });
    expect(await membership(m.id)).toMatchObject({ status: 'active', cancel_at_period_end: true });
    const { rows } = await w.pool.query(
      `select event_type, company_id, applied_at is not null as applied, attempts from webhook_inbox where webhook_id = $1`,
      [sent.envelope.id],
    );
    expect(rows).toEqual([
      {
        event_type: 'membership.cancel_at_period_end_changed',
        company_id: String(w.company.id),
        applied: true,
        attempts: 1,
      },
    ]);
  });

  it('the same webhook delivered 100 times is stored once and applied once', async () => {
    const before = await w.pool.query(`select count(*)::int as n from activity_events where company_id = $1`, [
      w.company.id,
    ]);
    const channel = w.data.chatChannels[0]!;
    const user = w.data.members[0]!.user!;
    const msg = {
      id: 'msg_dup_100',
      content: 'hello',
      created_at: new Date().toISOString(),
      user: { id: user.id, name: user.name, username: user.username },
    };
    const env = makeEnvelope(
      'chat.message.created',
      { channel: { id: channel.id, type: 'chat' }, message: msg },
      biz(),
    );
    const results = [];
    for (let round = 0; round < 10; round++)
      results.push(...(await Promise.all(Array.from({ length: 10 }, () => sendWebhook(app.target, env)))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const outcomes = results.map((r) => JSON.parse(r.body).outcome);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(99);
    const after = await w.pool.query(`select count(*)::int as n from activity_events where company_id = $1`, [
      w.company.id,
    ]);
    expect(after.rows[0].n - before.rows[0].n).toBe(1);
    expect((await w.pool.query(`select attempts from webhook_inbox where webhook_id = $1`, [env.id])).rows).toEqual([
      { attempts: 1 },
    ]);
  });

  it('a lesson completion turns the synced view into a completion worth its share of the course, never back', async () => {
    const viewed = w.data.lessonInteractions.find((i) => !i.completed)!;
    const sent = await w.fake.mutations.completeLesson(biz(), viewed);
    expect(JSON.parse(sent.delivery!.body).outcome).toBe('applied');
    const lessons = w.data.lessons.filter((l) => l.course_id === viewed.course.id).length;
    const row = async () =>
      (
        await w.pool.query(`select kind, value from activity_events where company_id = $1 and external_id = $2`, [
          w.company.id,
          viewed.id,
        ])
      ).rows;
    expect(await row()).toEqual([{ kind: 'lesson_complete', value: expect.closeTo(100 / lessons, 4) }]);
    w.fake.store.company(biz()).lessonInteractions.put(viewed);
    await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    expect((await row())[0].kind).toBe('lesson_complete');
  });

  it('an older event delivered after a newer one leaves the newer state', async () => {
    const m = w.data.memberships.find((x) => x.status === 'active' && !x.cancel_at_period_end)!;
    const base = w.fake.store.company(biz()).memberships.get(m.id)!;
    const older: Membership = { ...base, status: 'past_due', updated_at: later(base.updated_at, 60_000) };
    const newer: Membership = {
      ...base,
      status: 'canceled',
      canceled_at: later(base.updated_at, 120_000),
      updated_at: later(base.updated_at, 120_000),
    };
    const send = (data: Membership, type: string) => sendWebhook(app.target, makeEnvelope(type, data, biz()));
    expect((await send(newer, 'membership.deactivated')).status).toBe(200);
    expect((await send(older, 'membership.activated')).status).toBe(200);
    expect(await membership(m.id)).toMatchObject({ status: 'canceled', whop_updated_at: new Date(newer.updated_at) });

    const p = w.data.payments.find((x) => x.status === 'paid')!;
    const failed: Payment = { ...p, status: 'open', substatus: 'failed', updated_at: later(p.updated_at, 1_000) };
    const refunded: Payment = {
      ...p,
      substatus: 'refunded',
      refunded_amount: p.total,
      updated_at: later(p.updated_at, 2_000),
    };
    await sendWebhook(app.target, makeEnvelope('payment.succeeded', refunded, biz()));
    await sendWebhook(app.target, makeEnvelope('payment.failed', failed, biz()));
    const { rows } = await w.pool.query(
      `select status, substatus, refunded_amount_minor from payments where company_id = $1 and whop_id = $2`,
      [w.company.id, p.id],
    );
    expect(rows[0]).toEqual({
      status: 'paid',
      substatus: 'refunded',
      refunded_amount_minor: String(Math.round(p.total! * 100)),
    });
  });

  it('refunds and disputes: applied, a settled refund never goes back to pending', async () => {
    const p = w.data.payments.find(
      (x) => x.status === 'paid' && !x.refunded_amount && x.id !== w.data.payments[0]!.id,
    )!;
    const refund = {
      id: 'rf_webhook_1',
      amount: 4.99,
      currency: p.currency,
      created_at: new Date().toISOString(),
      payment: { id: p.id },
      provider: 'stripe',
      provider_created_at: null,
      reference_status: null,
      reference_type: null,
      reference_value: null,
      status: 'succeeded',
    } as const;
    const sent = await w.fake.mutations.addRefund(biz(), refund);
    expect(JSON.parse(sent.delivery!.body).outcome).toBe('applied');
    await sendWebhook(app.target, makeEnvelope('refund.updated', { ...refund, status: 'pending' }, biz()));
    const refunds = await w.pool.query(
      `select r.amount_minor, r.status, pa.whop_id from refunds r join payments pa on pa.id = r.payment_id where r.company_id = $1 and r.whop_id = $2`,
      [w.company.id, refund.id],
    );
    expect(refunds.rows).toEqual([{ amount_minor: '499', status: 'succeeded', whop_id: p.id }]);
    const dispute = {
      id: 'dspt_1',
      status: 'needs_response',
      amount: p.total,
      currency: p.currency,
      payment: { id: p.id },
      created_at: new Date().toISOString(),
    };
    expect(
      JSON.parse((await sendWebhook(app.target, makeEnvelope('dispute.created', dispute, biz()))).body).outcome,
    ).toBe('applied');
    const { rows } = await w.pool.query(`select substatus from payments where company_id = $1 and whop_id = $2`, [
      w.company.id,
      p.id,
    ]);
    expect(rows[0].substatus).toBe('dispute_needs_response');
    // The fake's own payment version (bumped by the refund, before the dispute) is older: a sync leaves the dispute.
    await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    expect(
      (
        await w.pool.query(`select substatus from payments where company_id = $1 and whop_id = $2`, [
          w.company.id,
          p.id,
        ])
      ).rows[0].substatus,
    ).toBe('dispute_needs_response');
  });

  it('an unknown event type, or an unknown company, is stored and acknowledged but not applied', async () => {
    const entry = makeEnvelope('entry.created', { id: 'entry_1' }, biz());
    const res = await sendWebhook(app.target, entry);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).outcome).toBe('stored');
    const stranger = w.data.payments[0]!;
    const foreign = makeEnvelope('payment.succeeded', { ...stranger, id: 'pay_stranger' }, 'biz_not_in_pulse');
    expect(JSON.parse((await sendWebhook(app.target, foreign)).body).outcome).toBe('stored');
    const { rows } = await w.pool.query(
      `select webhook_id, company_id, applied_at, error from webhook_inbox where webhook_id = any($1) order by webhook_id`,
      [[entry.id, foreign.id]],
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.applied_at === null && /^not applied/.test(r.error))).toBe(true);
    expect(
      (await w.pool.query(`select count(*)::int as n from payments where whop_id = 'pay_stranger'`)).rows[0].n,
    ).toBe(0);
  });

  it('an event for another tenant never touches this company, and is applied to its own once it is linked', async () => {
    const otherData = w.fake.store.company('biz_other_tenant');
    const theirs = otherData.memberships.all()[0]!;
    const env = makeEnvelope(
      'membership.activated',
      { ...theirs, status: 'active', updated_at: new Date().toISOString() },
      'biz_other_tenant',
    );
    expect(JSON.parse((await sendWebhook(app.target, env)).body).outcome).toBe('stored');
    expect(
      (await w.pool.query(`select count(*)::int as n from memberships where whop_id = $1`, [theirs.id])).rows[0].n,
    ).toBe(0);
    const other = await registerCompany(w.pool, 'biz_other_tenant');
    await syncCompany(w.pool, w.api(), other, { mode: 'full' });
    const { rows } = await w.pool.query(`select company_id, status from memberships where whop_id = $1`, [theirs.id]);
    expect(rows).toEqual([{ company_id: String(other.id), status: 'active' }]);
  });

  it('a membership of a plan not synced yet is stored, deferred, and applied by the next sync', async () => {
    const plan = {
      ...w.data.plans[0]!,
      id: 'plan_brand_new',
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    };
    w.fake.store.company(biz()).plans.put(plan);
    const base = w.data.memberships[0]!;
    const m: Membership = {
      ...base,
      id: 'mem_brand_new',
      plan: { id: plan.id, metadata: null },
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    };
    const res = await sendWebhook(app.target, makeEnvelope('membership.activated', m, biz()));
    expect(JSON.parse(res.body).outcome).toBe('deferred');
    expect(await membership(m.id)).toBeUndefined();
    const report = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
    expect(report.deferredWebhooks.applied).toBeGreaterThanOrEqual(1);
    expect(await membership(m.id)).toMatchObject({ status: base.status });
  });

  it('replay re-applies stored events and changes nothing that is already applied', async () => {
    const before = (await w.pool.query(`select count(*)::int as n, max(id) as last from webhook_inbox`)).rows[0];
    const first = await replayWebhooks(w.pool, { companyId: w.company.id });
    expect(first.examined).toBeGreaterThan(3);
    expect(first.failed).toBe(0);
    expect(first.rowsChanged).toBe(0);
    const since = await replayWebhooks(w.pool, { since: new Date(Date.now() + 60_000) });
    expect(since.examined).toBe(0);
    expect((await w.pool.query(`select count(*)::int as n from webhook_inbox`)).rows[0].n).toBe(before.n);
  });

  it('2,000 distinct webhooks, 50 at a time over real HTTP, are all stored and applied', async () => {
    const channel = w.data.chatChannels[0]!;
    const users = w.data.members.map((m) => m.user!);
    const envelopes: WebhookEnvelope[] = Array.from({ length: 2000 }, (_, i) => {
      const u = users[i % users.length]!;
      const message = {
        id: `msg_bulk_${i}`,
        content: `m${i}`,
        created_at: new Date(Date.now() - i * 1000).toISOString(),
        user: { id: u.id, name: u.name, username: u.username },
      };
      return makeEnvelope('chat.message.created', { channel: { id: channel.id, type: 'chat' }, message }, biz());
    });
    const statuses: number[] = [];
    for (let i = 0; i < envelopes.length; i += 50) {
      const batch = await Promise.all(envelopes.slice(i, i + 50).map((e) => sendWebhook(app.target, e)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(2000);
    const stored = await w.pool.query(
      `select count(*)::int as n, count(applied_at)::int as applied from webhook_inbox where webhook_id = any($1)`,
      [envelopes.map((e) => e.id)],
    );
    expect(stored.rows[0]).toEqual({ n: 2000, applied: 2000 });
    const events = await w.pool.query(
      `select count(*)::int as n, count(member_id)::int as linked from activity_events where company_id = $1 and external_id like 'msg_bulk_%'`,
      [w.company.id],
    );
    expect(events.rows[0]).toEqual({ n: 2000, linked: 2000 });
  });
});
