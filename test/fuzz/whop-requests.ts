// Requests to POST /webhooks/whop: Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature =
// space-separated `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the secret's UTF-8 bytes).
// Three families: garbled (every way a signature can be absent or wrong; the app must answer 401), signed bytes
// (anything at all, correctly signed), and signed envelopes (Whop-shaped JSON with random fields and values).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  bodyBytes,
  bodyText,
  contentType,
  extraHeaders,
  notATimestamp,
  nowSeconds,
  outsideWindow,
  prototypeKey,
  randomObject,
  tamper,
  visibleText,
} from './arbitraries.ts';
import { FUZZ_PULSE_PLANS, type FuzzRequest, type FuzzSecrets } from './fuzz-app.ts';

export const WHOP_URL = '/webhooks/whop';
/** Under the route's 256 KiB limit, so a garbled request reaches the signature check. */
const MAX_BODY = 64 * 1024;

export function whopSignature(secret: string | Buffer, id: string, timestamp: string, body: string | Buffer): string {
  const mac = createHmac('sha256', typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
  return `v1,${mac.update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
}

const webhookId = fc.oneof(fc.stringMatching(/^msg_[A-Za-z0-9]{10,30}$/), visibleText(60));

const garbles = [
  'unsigned',
  'missing',
  'random-signature',
  'no-version',
  'wrong-secret',
  'other-body',
  'other-id',
  'tampered',
  'outside-window',
  'not-a-timestamp',
] as const;

/** A request whose signature is absent or wrong, in one of `garbles`' ways. */
export function garbledWhop(secrets: FuzzSecrets): fc.Arbitrary<FuzzRequest & { garble: string }> {
  return fc
    .record({
      garble: fc.constantFrom(...garbles),
      body: bodyText(MAX_BODY),
      id: webhookId,
      type: contentType,
      extra: extraHeaders,
      drop: fc.subarray(['webhook-id', 'webhook-timestamp', 'webhook-signature'], { minLength: 1 }),
      offset: outsideWindow,
      badTimestamp: notATimestamp,
      noise: fc.array(fc.base64String({ minLength: 4, maxLength: 64 }), { minLength: 1, maxLength: 3 }),
      otherSecret: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b)),
      at: fc.nat(),
    })
    .map((g) => {
      const ts = String(nowSeconds());
      const good = (timestamp = ts, id = g.id, body = g.body) => whopSignature(secrets.whop, id, timestamp, body);
      let headers: Record<string, string> = {
        'webhook-id': g.id,
        'webhook-timestamp': ts,
        'webhook-signature': good(),
      };
      let payload = g.body;
      switch (g.garble) {
        case 'unsigned':
          headers = {};
          break;
        case 'missing':
          for (const name of g.drop) delete headers[name];
          break;
        case 'random-signature':
          headers['webhook-signature'] = g.noise.map((n) => `v1,${n}`).join(' ');
          break;
        case 'no-version':
          headers['webhook-signature'] = good().slice(3);
          break;
        case 'wrong-secret':
          headers['webhook-signature'] = whopSignature(
            g.otherSecret.equals(Buffer.from(secrets.whop)) ? Buffer.from('x') : g.otherSecret,
            g.id,
            ts,
            g.body,
          );
          break;
        case 'other-body':
          headers['webhook-signature'] = good(ts, g.id, tamper(g.body, g.at));
          break;
        case 'other-id':
          headers['webhook-signature'] = good(ts, `${g.id}x`);
          break;
        case 'tampered':
          payload = tamper(g.body, g.at);
          break;
        case 'outside-window': {
          const shifted = String(nowSeconds() + g.offset);
          headers['webhook-timestamp'] = shifted;
          headers['webhook-signature'] = good(shifted);
          break;
        }
        case 'not-a-timestamp':
          headers['webhook-timestamp'] = g.badTimestamp;
          headers['webhook-signature'] = good(g.badTimestamp);
          break;
      }
      return {
        garble: g.garble,
        method: 'POST' as const,
        url: WHOP_URL,
        headers: { ...g.extra, 'content-type': g.type, ...headers },
        payload,
      };
    });
}

function signed(
  secrets: FuzzSecrets,
  id: string,
  body: string | Buffer,
  type = 'application/json',
  extra: Record<string, string> = {},
): FuzzRequest {
  const ts = String(nowSeconds());
  return {
    method: 'POST',
    url: WHOP_URL,
    payload: body,
    headers: {
      ...extra,
      'content-type': type,
      'webhook-id': id,
      'webhook-timestamp': ts,
      'webhook-signature': whopSignature(secrets.whop, id, ts, body),
    },
  };
}

/** Anything at all as the body — text, JSON of any shape, raw bytes — signed with the real secret. */
export function signedWhopBytes(secrets: FuzzSecrets): fc.Arbitrary<FuzzRequest & { webhookId: string }> {
  return fc
    .tuple(webhookId, fc.oneof(bodyText(MAX_BODY), bodyBytes), contentType, extraHeaders)
    .map(([id, body, type, extra]) => ({ ...signed(secrets, id, body, type, extra), webhookId: id }));
}

const eventTypes = [
  'membership.activated',
  'membership.deactivated',
  'membership.cancel_at_period_end_changed',
  'membership.trial_ending_soon',
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
  'app_installation.created',
  'app_installation.deleted',
] as const;

/** A value of any JSON type, or an object with an id (the shape most Whop fields have). */
const field = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ id: fc.oneof(fc.string({ maxLength: 30 }), fc.integer()) }, { requiredKeys: [] }),
);

/** A plan: often one of Pulse's own tier plans (those events take the app-event path), else anything. */
const plan = fc.oneof(
  fc.constantFrom(FUZZ_PULSE_PLANS.pro, FUZZ_PULSE_PLANS.enterprise).map((id) => ({ id })),
  field,
);

/** Whop-like `data`: the field names Pulse reads, each present or not, with values of any type. */
const shapedData = fc.record(
  {
    id: field,
    status: fc.oneof(fc.constantFrom('active', 'canceled', 'paid', 'open', 'won', 'lost', 'other'), field),
    plan,
    product: field,
    user: fc.oneof(field, fc.record({ id: field, username: field, name: field, email: field }, { requiredKeys: [] })),
    member: field,
    company: field,
    account: field,
    membership: field,
    payment: field,
    course: field,
    lesson: field,
    channel: field,
    message: fc.oneof(
      field,
      fc.record({ id: field, content: field, created_at: field, user: field }, { requiredKeys: [] }),
    ),
    created_at: field,
    updated_at: field,
    paid_at: field,
    canceled_at: field,
    renewal_period_start: field,
    renewal_period_end: field,
    cancel_at_period_end: field,
    total: field,
    subtotal: field,
    amount: field,
    currency: field,
    usd_total: field,
    completed: field,
  },
  { requiredKeys: [] },
);

/** Whop-shaped envelopes: known and unknown types, any timestamp, data of any shape, a known company or not. */
export function signedWhopEnvelopes(
  secrets: FuzzSecrets,
  companyIds: string[],
): fc.Arbitrary<FuzzRequest & { webhookId: string }> {
  const company = fc.oneof(
    fc.constantFrom(...companyIds),
    fc.string({ maxLength: 30 }),
    prototypeKey,
    fc.constant(null),
    fc.integer(),
  );
  // Mostly a well-formed envelope around random data (so the apply code runs), sometimes a broken envelope.
  const envelope = fc.record(
    {
      id: fc.oneof(
        { weight: 6, arbitrary: fc.stringMatching(/^evt_[A-Za-z0-9]{8,20}$/) },
        { weight: 1, arbitrary: field },
      ),
      api_version: fc.oneof(fc.constant('v1'), field),
      type: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...eventTypes) },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      ),
      timestamp: fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        { weight: 1, arbitrary: field },
      ),
      data: fc.oneof(
        { weight: 6, arbitrary: shapedData },
        { weight: 1, arbitrary: randomObject },
        { weight: 1, arbitrary: field },
      ),
      company_id: company,
      account_id: company,
    },
    { requiredKeys: ['id', 'type', 'timestamp', 'data'] },
  );
  return fc
    .tuple(webhookId, envelope, extraHeaders)
    .map(([id, e, extra]) => ({ ...signed(secrets, id, JSON.stringify(e), 'application/json', extra), webhookId: id }));
}
