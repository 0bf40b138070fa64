// Our Standard Webhooks verifier (node:crypto) against the official SDK's webhooks.unwrap on generated deliveries:
// right and wrong secrets, tampered bodies, several signatures, other versions, stale and future timestamps,
// non-JSON bodies. Both must accept and refuse exactly the same ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWhopClient } from '../../core/whop/client.ts';
import { verifyWhopWebhook, webhookKey } from '../../core/whop/webhook-verify.ts';
import { signStandardWebhook } from '../../demo/fake-whop/webhook-sender.ts';

type Verdict = 'refused' | 'signature ok';

function sdkVerdict(secret: string, body: string, headers: Record<string, string>): Verdict {
  const sdk = createWhopClient({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/api/v1', webhookSecret: secret });
  try {
    sdk.webhooks.unwrap(body, { headers });
    return 'signature ok';
  } catch (err) {
    return err instanceof SyntaxError ? 'signature ok' : 'refused';
  }
}

const ascii = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_'),
  minLength: 8,
  maxLength: 40,
});
const envelope = fc.record({
  id: ascii,
  type: fc.constantFrom('payment.succeeded', 'chat.message.created'),
  timestamp: fc.constant('2026-12-01T00:00:00Z'),
  data: fc.dictionary(ascii, fc.string()),
});
const delivery = fc.record({
  secret: ascii,
  otherSecret: ascii,
  id: ascii,
  body: fc.oneof(
    envelope.map((e) => JSON.stringify(e)),
    fc.string({ unit: 'grapheme' }),
    fc.constant(''),
  ),
  // Seconds from now, kept a second away from the 5-minute edges (the two read the clock at different instants).
  skew: fc.oneof(
    fc.integer({ min: -299, max: 299 }),
    fc.integer({ min: 301, max: 900 }),
    fc.integer({ min: -900, max: -301 }),
  ),
  header: fc.constantFrom('right', 'wrong secret', 'tampered', 'right among others', 'only others', 'v2', 'not base64'),
});

describe('Standard Webhooks verification', () => {
  it('accepts and refuses exactly what the SDK does', () => {
    fc.assert(
      fc.property(delivery, (d) => {
        const now = Math.floor(Date.now() / 1000);
        const ts = now + d.skew;
        const right = signStandardWebhook(d.secret, d.id, ts, d.body);
        const signature = {
          right,
          'wrong secret': signStandardWebhook(d.otherSecret, d.id, ts, d.body),
          tampered: signStandardWebhook(d.secret, d.id, ts, `${d.body} `),
          'right among others': `v1,${Buffer.alloc(32).toString('base64')} ${right} v2,abc`,
          'only others': `v1,${Buffer.alloc(32, 7).toString('base64')} v1,`,
          v2: right.replace('v1,', 'v2,'),
          'not base64': `v1,${right.slice(3, -4)}!!!!`,
        }[d.header];
        const headers = { 'webhook-id': d.id, 'webhook-timestamp': String(ts), 'webhook-signature': signature };
        const ours = verifyWhopWebhook(webhookKey(d.secret), d.body, headers);
        const verdict: Verdict = !ours.ok && ours.status === 401 ? 'refused' : 'signature ok';
        expect(verdict).toBe(sdkVerdict(d.secret, d.body, headers));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses missing headers and a timestamp that is not a number', () => {
    const key = webhookKey('ws_secret_0123456789');
    const body = '{}';
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': signStandardWebhook('ws_secret_0123456789', 'msg_1', ts, body),
    };
    for (const missing of Object.keys(headers)) {
      const r = verifyWhopWebhook(
        key,
        body,
        Object.fromEntries(Object.entries(headers).filter(([k]) => k !== missing)),
      );
      expect(r).toEqual({ ok: false, status: 401, reason: `missing ${missing}` });
    }
    expect(verifyWhopWebhook(key, body, { ...headers, 'webhook-timestamp': 'soon' })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(verifyWhopWebhook(key, body, headers)).toMatchObject({
      ok: false,
      status: 400,
      reason: 'body is not a Whop webhook envelope',
    });
  });
});
