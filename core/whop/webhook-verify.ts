// Verifying a Whop webhook with the official SDK (Standard Webhooks: webhook-id, webhook-timestamp within 5 minutes
// either way, one or more v1 signatures over the raw body). unwrap is always given the headers: without them the
// SDK would skip verification.
import type { Whop } from '@whop/sdk';
import type { WebhookEnvelope } from './webhook-apply.ts';

export type Verified = { ok: true; webhookId: string; envelope: WebhookEnvelope } | { ok: false; status: 400 | 401; reason: string };

const REQUIRED = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(' ') : v;
}

function isEnvelope(x: unknown): x is WebhookEnvelope {
  const e = x as Partial<WebhookEnvelope> | null;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && e.id.length > 0 && typeof e.type === 'string' && e.type.length > 0
    && typeof e.timestamp === 'string' && !Number.isNaN(Date.parse(e.timestamp)) && typeof e.data === 'object' && e.data !== null
    && (e.company_id === undefined || e.company_id === null || typeof e.company_id === 'string');
}

export function verifyWhopWebhook(sdk: Whop, rawBody: string, headers: Record<string, string | string[] | undefined>): Verified {
  const h: Record<string, string> = {};
  for (const name of REQUIRED) {
    const v = header(headers, name);
    if (!v) return { ok: false, status: 401, reason: `missing ${name}` };
    h[name] = v;
  }
  let parsed: unknown;
  try {
    parsed = sdk.webhooks.unwrap(rawBody, { headers: h });
  } catch (err) {
    if (err instanceof SyntaxError) return { ok: false, status: 400, reason: 'body is not JSON' };
    return { ok: false, status: 401, reason: err instanceof Error ? err.message : 'verification failed' };
  }
  if (!isEnvelope(parsed)) return { ok: false, status: 400, reason: 'body is not a Whop webhook envelope' };
  return { ok: true, webhookId: h['webhook-id']!, envelope: parsed };
}
