// Verifying a Whop webhook (Standard Webhooks: webhook-id, webhook-timestamp within 5 minutes either way, one or
// more space-separated `v1,<base64 HMAC-SHA256>` signatures over `<id>.<timestamp>.<raw body>`, keyed with the
// secret's UTF-8 bytes), then parsing the body once. Done with node:crypto (OpenSSL) rather than the SDK's
// webhooks.unwrap, which computes the HMAC in JavaScript (standardwebhooks, fast-sha256) and parses the body
// twice: on the webhook hot path that was the largest share of our own CPU per event (docs/benchmarks.md). The
// SDK's verdict and this one are checked equal on generated inputs (test/whop/webhook-verify.test.ts).
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { WebhookEnvelope } from './webhook-apply.ts';

export type Verified =
  | { ok: true; webhookId: string; envelope: WebhookEnvelope }
  | { ok: false; status: 400 | 401; reason: string };

/** Seconds a webhook's timestamp may be from our clock, either way. */
export const WEBHOOK_TOLERANCE_S = 5 * 60;

const REQUIRED = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/** The HMAC key of a Whop webhook secret: its UTF-8 bytes (Whop's docs: the SDK key is btoa(secret)). */
export function webhookKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(' ') : v;
}

function isEnvelope(x: unknown): x is WebhookEnvelope {
  const e = x as Partial<WebhookEnvelope> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    e.id.length > 0 &&
    typeof e.type === 'string' &&
    e.type.length > 0 &&
    typeof e.timestamp === 'string' &&
    !Number.isNaN(Date.parse(e.timestamp)) &&
    typeof e.data === 'object' &&
    e.data !== null &&
    (e.company_id === undefined || e.company_id === null || typeof e.company_id === 'string')
  );
}

/** Whether one of the header's v1 signatures is ours (compared as base64 text in constant time, as the spec's libraries do). */
function signed(key: KeyObject, id: string, timestamp: number, rawBody: string, signatures: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64'));
  for (const versioned of signatures.split(' ')) {
    const [version, signature] = versioned.split(',');
    if (version !== 'v1' || signature === undefined) continue;
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}

export function verifyWhopWebhook(
  key: KeyObject,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  nowMs = Date.now(),
): Verified {
  const h: Record<string, string> = {};
  for (const name of REQUIRED) {
    const v = header(headers, name);
    if (!v) return { ok: false, status: 401, reason: `missing ${name}` };
    h[name] = v;
  }
  const timestamp = parseInt(h['webhook-timestamp']!, 10);
  const now = Math.floor(nowMs / 1000);
  if (Number.isNaN(timestamp)) return { ok: false, status: 401, reason: 'Invalid Signature Headers' };
  if (now - timestamp > WEBHOOK_TOLERANCE_S) return { ok: false, status: 401, reason: 'Message timestamp too old' };
  if (timestamp > now + WEBHOOK_TOLERANCE_S) return { ok: false, status: 401, reason: 'Message timestamp too new' };
  if (!signed(key, h['webhook-id']!, timestamp, rawBody, h['webhook-signature']!))
    return { ok: false, status: 401, reason: 'No matching signature found' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  if (!isEnvelope(parsed)) return { ok: false, status: 400, reason: 'body is not a Whop webhook envelope' };
  return { ok: true, webhookId: h['webhook-id']!, envelope: parsed };
}
