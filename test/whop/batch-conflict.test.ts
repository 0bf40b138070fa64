// The webhook group commit (receiveBatch) handles redeliveries in its own statement: an event already in the inbox,
// or the same event twice in one batch, is acknowledged as a duplicate by the batch's `on conflict (webhook_id) do
// nothing` — the batch is not rolled back and re-run one event at a time (the single-event fallback would give the
// same receipts, so the test watches the SQL the batch sends: no ROLLBACK, no single-event insert). Both batch
// shapes: one known company (one statement for everything) and several companies (one inbox insert for all).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { receiveBatch, type Incoming } from '../../core/whop/webhook-batch.ts';
import { makeEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { registerCompany, simCompany } from './world.ts';

/** The statements (their name when prepared, else their text) every connection of `pool` sends. */
function recordStatements(pool: pg.Pool): string[] {
  const sent: string[] = [];
  const wrapped = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { name?: string; text?: string };
      sent.push(typeof q === 'string' ? q : (q.name ?? q.text ?? ''));
      return query(...args);
    };
  });
  return sent;
}

describe('webhook batches and redeliveries', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let sent: string[];
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    await registerCompany(pool, 'biz_batch_a');
    await registerCompany(pool, 'biz_batch_b');
    sent = recordStatements(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** A chat message (applied: one activity_events row, no parent rows needed). */
  const event = (company: string): Incoming => {
    const n = ++seq;
    const message = {
      id: `msg_batch_${n}`,
      content: 'hi',
      created_at: '2026-11-20T10:00:00.000Z',
      user: { id: `user_batch_${n}`, name: `U${n}`, username: `u${n}` },
    };
    const envelope = makeEnvelope(
      'chat.message.created',
      { channel: { id: 'chat_batch', type: 'chat' }, message },
      company,
    );
    return { webhookId: envelope.id, envelope, raw: JSON.stringify(envelope) };
  };
  const inbox = async (ids: string[]) =>
    (
      await pool.query<{ webhook_id: string; whop_company_id: string }>(
        'select webhook_id, whop_company_id from webhook_inbox where webhook_id = any($1::text[]) order by id',
        [ids],
      )
    ).rows;
  /** The statements of one receiveBatch call. */
  async function receive(items: Incoming[]) {
    const from = sent.length;
    const receipts = await receiveBatch(pool, items);
    return { outcomes: receipts.map((r) => r.outcome), statements: sent.slice(from) };
  }
  /** One company's batch is one statement alone (no BEGIN); several companies' is one transaction. */
  const noFallback = (statements: string[], transactions: number) => {
    expect(statements.filter((s) => /^rollback$/i.test(s))).toEqual([]);
    expect(statements.filter((s) => s === 'whop_inbox_insert')).toEqual([]); // the single-event path's insert
    expect(statements.filter((s) => /^begin$/i.test(s))).toHaveLength(transactions);
  };

  it('one company: an event already stored and one sent twice in the batch are duplicates of the batch statement', async () => {
    const stored = event('biz_batch_a');
    expect((await receive([stored])).outcomes).toEqual(['applied']);
    const fresh = event('biz_batch_a');
    const { outcomes, statements } = await receive([stored, fresh, { ...fresh }]); // the second delivery is a request of its own
    expect(outcomes).toEqual(['duplicate', 'applied', 'duplicate']);
    noFallback(statements, 0);
    expect(statements).toHaveLength(1); // the batch statement (inbox insert and every table), nothing around it
    expect(statements[0]).toMatch(/^whop_inbox\+/);
    expect(await inbox([stored.webhookId, fresh.webhookId])).toEqual([
      { webhook_id: stored.webhookId, whop_company_id: 'biz_batch_a' },
      { webhook_id: fresh.webhookId, whop_company_id: 'biz_batch_a' },
    ]);
    // Each message applied once (the duplicates wrote nothing more).
    const messageIds = [stored, fresh].map((e) => (e.envelope.data as { message: { id: string } }).message.id);
    const activity = await pool.query(
      'select external_id from activity_events where external_id = any($1::text[]) order by external_id',
      [messageIds],
    );
    expect(activity.rows.map((r) => r.external_id)).toEqual([...messageIds].sort());
  });

  it('one company: a membership whose plan is not synced makes the batch statement undo itself; each event then goes alone', async () => {
    const chat = event('biz_batch_a');
    const membership = simCompany(11, 3).memberships[0]!;
    const early = makeEnvelope(
      'membership.activated',
      { ...membership, id: `mem_batch_early_${++seq}`, plan: { id: 'plan_not_synced', metadata: null } },
      'biz_batch_a',
    );
    const late: Incoming = { webhookId: early.id, envelope: early, raw: JSON.stringify(early) };
    const { outcomes, statements } = await receive([chat, late]);
    // The batch statement ran alone first, then each event took its own transaction...
    expect(statements[0]).not.toMatch(/^begin$/i);
    expect(statements.filter((s) => /^begin$/i.test(s))).toHaveLength(2);
    // ...and found nothing of the batch kept (pulse_abort undid it): else the chat message would be a duplicate.
    expect(outcomes[0]).toBe('applied');
    expect(outcomes[1]).not.toBe('applied'); // stored, to be applied once its plan is synced
    // Each stored once; the two lone transactions run side by side, so their inbox ids come in either order.
    expect((await inbox([chat.webhookId, late.webhookId])).map((r) => r.webhook_id).sort()).toEqual(
      [chat.webhookId, late.webhookId].sort(),
    );
    const messageId = (chat.envelope.data as { message: { id: string } }).message.id;
    const activity = await pool.query('select count(*)::int as n from activity_events where external_id = $1', [
      messageId,
    ]);
    expect(activity.rows[0].n).toBe(1);
  });

  it('one company: a batch of events Pulse only stores is one statement too', async () => {
    const kept = [1, 2].map((k) => {
      const envelope = makeEnvelope('invoice.created', { id: `inv_batch_${++seq}_${k}` }, 'biz_batch_a');
      return { webhookId: envelope.id, envelope, raw: JSON.stringify(envelope) };
    });
    const { outcomes, statements } = await receive(kept);
    expect(outcomes).toEqual(['stored', 'stored']);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^whop_inbox\b/);
    expect(statements[0]).not.toMatch(/whop_(insert|upsert)_/); // no table written
  });

  it("several companies: an event already stored is a duplicate of the batch's one inbox insert", async () => {
    const stored = event('biz_batch_a');
    expect((await receive([stored])).outcomes).toEqual(['applied']);
    const other = event('biz_batch_b');
    const stranger = event('biz_not_in_pulse');
    const { outcomes, statements } = await receive([other, stored, stranger]);
    expect(outcomes).toEqual(['applied', 'duplicate', 'stored']); // the stranger's company is not in Pulse: kept for later
    noFallback(statements, 1);
    expect(statements).toContain('whop_inbox_insert_many');
    expect((await inbox([stored.webhookId, other.webhookId, stranger.webhookId])).map((r) => r.webhook_id)).toEqual([
      stored.webhookId,
      other.webhookId,
      stranger.webhookId,
    ]);
  });
});
