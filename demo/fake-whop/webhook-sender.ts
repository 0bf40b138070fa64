// Sends webhooks the way Whop does: Standard Webhooks headers, HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed
// with the raw UTF-8 bytes of the secret, base64, `v1,` prefix (written from the spec, not with the verifier's code).
import { createHmac, randomUUID } from 'node:crypto';
import { request, type Agent } from 'node:http';

export interface WebhookEnvelope<D = unknown> {
  id: string;
  api_version: 'v1';
  type: string;
  timestamp: string;
  data: D;
  company_id?: string | null;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  agent?: Agent;
}

export interface SendResult {
  status: number;
  body: string;
  ms: number;
}

export function signStandardWebhook(secret: string, msgId: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${msgId}.${timestampSec}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

export function signedHeaders(
  secret: string,
  msgId: string,
  timestampSec: number,
  body: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': msgId,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': signStandardWebhook(secret, msgId, timestampSec, body),
  };
}

export function makeEnvelope<D>(
  type: string,
  data: D,
  companyId: string | null,
  opts: { id?: string; at?: Date } = {},
): WebhookEnvelope<D> {
  return {
    id: opts.id ?? `msg_${randomUUID().replace(/-/g, '')}`,
    api_version: 'v1',
    type,
    timestamp: (opts.at ?? new Date()).toISOString(),
    data,
    company_id: companyId,
  };
}

/** POST raw bytes with the given headers; resolves with the status whatever it is. */
export function postRaw(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  agent?: Agent,
): Promise<SendResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sign and deliver one envelope; webhook-id is the envelope id unless given. */
export function sendWebhook(
  target: WebhookTarget,
  envelope: WebhookEnvelope,
  opts: { msgId?: string; timestampSec?: number } = {},
): Promise<SendResult> {
  const body = JSON.stringify(envelope);
  const ts = opts.timestampSec ?? Math.floor(Date.now() / 1000);
  return postRaw(target.url, body, signedHeaders(target.secret, opts.msgId ?? envelope.id, ts, body), target.agent);
}
