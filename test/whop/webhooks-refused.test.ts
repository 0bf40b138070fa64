// Webhooks that fail verification or are malformed are refused and leave no trace in the inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnvelope, postRaw, signStandardWebhook, signedHeaders } from '../../demo/fake-whop/webhook-sender.ts';
import { startWebhookApp, TEST_WEBHOOK_SECRET, type WebhookApp } from './webhook-app.ts';
import { whopWorld, type WhopWorld } from './world.ts';

describe('POST /webhooks/whop refuses', () => {
  let w: WhopWorld;
  let app: WebhookApp;
  const now = () => Math.floor(Date.now() / 1000);
  const body = () =>
    JSON.stringify(
      makeEnvelope(
        'chat.message.created',
        { message: { id: 'msg_x', created_at: new Date().toISOString(), user: null } },
        'biz_whatever',
      ),
    );
  const inbox = async () => Number((await w.pool.query('select count(*) from webhook_inbox')).rows[0].count);

  beforeAll(async () => {
    w = await whopWorld({ members: 5 });
    app = await startWebhookApp(w.db.url);
  });
  afterAll(async () => {
    await app?.close();
    await w?.close();
  });

  it('a signature made with another secret, a tampered body, and missing headers: 401', async () => {
    const b = body();
    const wrong = await postRaw(app.url, b, signedHeaders('ws_not_the_secret', 'msg_1', now(), b));
    expect(wrong.status).toBe(401);
    const tampered = await postRaw(
      app.url,
      b.replace('msg_x', 'msg_y'),
      signedHeaders(TEST_WEBHOOK_SECRET, 'msg_2', now(), b),
    );
    expect(tampered.status).toBe(401);
    const h = signedHeaders(TEST_WEBHOOK_SECRET, 'msg_3', now(), b);
    for (const missing of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const partial = Object.fromEntries(Object.entries(h).filter(([k]) => k !== missing));
      expect((await postRaw(app.url, b, partial)).status).toBe(401);
    }
    expect(await inbox()).toBe(0);
  });

  it('a correctly signed event whose timestamp is 6 minutes old or 6 minutes ahead: 401', async () => {
    const b = body();
    for (const ts of [now() - 360, now() + 360]) {
      const res = await postRaw(app.url, b, signedHeaders(TEST_WEBHOOK_SECRET, `msg_t${ts}`, ts, b));
      expect(res.status).toBe(401);
    }
    const inside = await postRaw(app.url, b, signedHeaders(TEST_WEBHOOK_SECRET, 'msg_inside', now() - 240, b));
    expect(inside.status).toBe(200);
    expect(await inbox()).toBe(1);
    await w.pool.query('delete from webhook_inbox');
  });

  it('a correctly signed body that is not JSON, or not an envelope: 400', async () => {
    for (const [i, b] of [
      '{"id": "evt_1", "type": ',
      '[1,2,3]',
      '{"id":"evt_2","type":"payment.succeeded","timestamp":"soon","data":{}}',
      '',
    ].entries()) {
      const res = await postRaw(app.url, b, signedHeaders(TEST_WEBHOOK_SECRET, `msg_bad${i}`, now(), b));
      expect(res.status).toBe(400);
    }
    expect(await inbox()).toBe(0);
  });

  it('a body over the limit: 413', async () => {
    const b = JSON.stringify(makeEnvelope('chat.message.created', { padding: 'x'.repeat(1_100_000) }, 'biz_whatever'));
    const res = await postRaw(app.url, b, signedHeaders(TEST_WEBHOOK_SECRET, 'msg_big', now(), b));
    expect(res.status).toBe(413);
    expect(await inbox()).toBe(0);
  });

  it('accepts when one of several signatures in the header is valid', async () => {
    const b = body();
    const h = signedHeaders(TEST_WEBHOOK_SECRET, 'msg_multi', now(), b);
    h['webhook-signature'] =
      `v1,${Buffer.alloc(32).toString('base64')} ${signStandardWebhook(TEST_WEBHOOK_SECRET, 'msg_multi', Number(h['webhook-timestamp']), b)}`;
    expect((await postRaw(app.url, b, h)).status).toBe(200);
    h['webhook-signature'] = `v1,${Buffer.alloc(32).toString('base64')} v1,${Buffer.alloc(32, 1).toString('base64')}`;
    expect((await postRaw(app.url, b, { ...h, 'webhook-id': 'msg_multi2' })).status).toBe(401);
  });
});
