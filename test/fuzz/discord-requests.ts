// Requests to POST /discord/interactions and POST /discord/events, both signed by Discord the same way:
// X-Signature-Ed25519 = hex(Ed25519(timestamp + raw body)) with the application's key, X-Signature-Timestamp in
// Unix seconds (5 minutes either way). Garbled (absent or wrong signatures: 401), signed bytes (anything,
// correctly signed), and signed Discord-shaped payloads with random fields.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
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
  snowflake,
  tamper,
} from './arbitraries.ts';
import type { FuzzRequest, FuzzSecrets } from './fuzz-app.ts';

export const INTERACTIONS_URL = '/discord/interactions';
export const EVENTS_URL = '/discord/events';
/** Under the smaller of the two routes' limits (events: 64 KiB). */
const MAX_BODY = 60 * 1024;

export function discordSignature(key: KeyObject, timestamp: string, body: string | Buffer): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), Buffer.from(body)]), key).toString('hex');
}

/** Signature headers for `body` at the current second. */
export function discordHeaders(key: KeyObject, body: string | Buffer): Record<string, string> {
  const ts = String(nowSeconds());
  return { 'x-signature-ed25519': discordSignature(key, ts, body), 'x-signature-timestamp': ts };
}

const otherKey = generateKeyPairSync('ed25519').privateKey;

const garbles = [
  'unsigned',
  'missing',
  'random-signature',
  'malformed-signature',
  'wrong-key',
  'other-body',
  'tampered',
  'outside-window',
  'not-a-timestamp',
] as const;

export function garbledDiscord(secrets: FuzzSecrets, url: string): fc.Arbitrary<FuzzRequest & { garble: string }> {
  const key = secrets.discord.privateKey;
  return fc
    .record({
      garble: fc.constantFrom(...garbles),
      body: bodyText(MAX_BODY),
      type: contentType,
      extra: extraHeaders,
      drop: fc.subarray(['x-signature-ed25519', 'x-signature-timestamp'], { minLength: 1 }),
      offset: outsideWindow,
      badTimestamp: notATimestamp,
      randomHex: fc.stringMatching(/^[0-9a-f]{128}$/),
      malformed: fc.oneof(
        fc.stringMatching(/^[0-9a-f]{0,127}$/),
        fc.stringMatching(/^[0-9a-f]{129,200}$/),
        fc.stringMatching(/^[g-z0-9]{128}$/).filter((s) => /[g-z]/.test(s)),
      ),
      at: fc.nat(),
    })
    .map((g) => {
      const ts = String(nowSeconds());
      let headers: Record<string, string> = {
        'x-signature-ed25519': discordSignature(key, ts, g.body),
        'x-signature-timestamp': ts,
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
          headers['x-signature-ed25519'] = g.randomHex;
          break;
        case 'malformed-signature':
          headers['x-signature-ed25519'] = g.malformed;
          break;
        case 'wrong-key':
          headers['x-signature-ed25519'] = discordSignature(otherKey, ts, g.body);
          break;
        case 'other-body':
          headers['x-signature-ed25519'] = discordSignature(key, ts, tamper(g.body, g.at));
          break;
        case 'tampered':
          payload = tamper(g.body, g.at);
          break;
        case 'outside-window': {
          const shifted = String(Math.max(0, nowSeconds() + g.offset));
          headers = { 'x-signature-ed25519': discordSignature(key, shifted, g.body), 'x-signature-timestamp': shifted };
          break;
        }
        case 'not-a-timestamp':
          headers = {
            'x-signature-ed25519': discordSignature(key, g.badTimestamp, g.body),
            'x-signature-timestamp': g.badTimestamp,
          };
          break;
      }
      return {
        garble: g.garble,
        method: 'POST' as const,
        url,
        headers: { ...g.extra, 'content-type': g.type, ...headers },
        payload,
      };
    });
}

/** Anything at all as the body, signed with the application's key. */
export function signedDiscordBytes(secrets: FuzzSecrets, url: string): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.oneof(bodyText(MAX_BODY), bodyBytes), contentType, extraHeaders).map(([body, type, extra]) => ({
    method: 'POST' as const,
    url,
    payload: body,
    headers: { ...extra, 'content-type': type, ...discordHeaders(secrets.discord.privateKey, body) },
  }));
}

const any = fc.jsonValue({ maxDepth: 2 });
const commandNames = ['revenue', 'engagement', 'churn', 'content', 'ask', 'report', 'help', 'pulse'];
const customIds = [
  'p1:setup:key',
  'p1:who:churn',
  'p1:who:risk',
  'p1:reveal:urgent',
  'p1:period:revenue',
  'p1:page:churn:all:2',
  'p1:churn:snooze:1',
  'p1:who:rev:last_month',
  'p1:who:rev:last_month:new:1',
  'p1:x',
];

/** A command option, nested or not, with any value. */
const option = fc.letrec((tie) => ({
  option: fc.record(
    {
      name: fc.oneof(
        fc.constantFrom('period', 'risk', 'kind', 'question', 'type', 'item', 'by', 'link', 'setup', 'status', 'link'),
        fc.string({ maxLength: 20 }),
      ),
      type: fc.oneof(fc.integer({ min: 1, max: 11 }), any),
      value: any,
      focused: fc.boolean(),
      options: fc.array(tie('option'), { maxLength: 2 }),
    },
    { requiredKeys: ['name'] },
  ),
})).option;

const interactionData = fc.record(
  {
    id: fc.oneof(snowflake, any),
    name: fc.oneof(fc.constantFrom(...commandNames), any),
    type: fc.oneof(fc.constant(1), any),
    options: fc.oneof(fc.array(option, { maxLength: 3 }), any),
    custom_id: fc.oneof(fc.constantFrom(...customIds), fc.string({ maxLength: 120 }), any),
    component_type: fc.oneof(fc.constantFrom(2, 3, 4), any),
    values: fc.oneof(fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }), any),
    components: fc.oneof(fc.array(randomObject, { maxLength: 2 }), any),
    resolved: fc.oneof(randomObject, any),
  },
  { requiredKeys: [] },
);

/** Interaction-shaped JSON: every type Discord sends (and others), any data, a linked server or not, admin or not. */
export function signedInteractions(secrets: FuzzSecrets, guildIds: string[]): fc.Arbitrary<FuzzRequest> {
  const user = fc.record(
    {
      id: fc.oneof(snowflake, prototypeKey, any),
      username: fc.oneof(fc.string({ maxLength: 40 }), any),
      global_name: any,
    },
    { requiredKeys: [] },
  );
  const interaction = fc.record(
    {
      id: fc.oneof({ weight: 8, arbitrary: snowflake }, { weight: 1, arbitrary: any }),
      application_id: fc.oneof(
        { weight: 8, arbitrary: fc.constant(secrets.discordAppId) },
        { weight: 1, arbitrary: any },
      ),
      type: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(1, 2, 3, 4, 5) },
        { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -1, max: 20 }), fc.double()) },
        { weight: 1, arbitrary: any },
      ),
      token: fc.oneof(
        { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{20,80}$/) },
        { weight: 1, arbitrary: any },
      ),
      version: fc.oneof(fc.constant(1), any),
      data: fc.oneof({ weight: 6, arbitrary: interactionData }, { weight: 1, arbitrary: any }),
      guild_id: fc.oneof(fc.constantFrom(...guildIds), snowflake, prototypeKey, any),
      channel_id: fc.oneof(snowflake, any),
      member: fc.oneof(
        fc.record(
          {
            user,
            roles: fc.oneof(fc.array(snowflake, { maxLength: 3 }), any),
            permissions: fc.oneof(fc.constantFrom('0', '32', '2147483647', '-1', 'x'), any),
          },
          { requiredKeys: [] },
        ),
        any,
      ),
      user: fc.oneof(user, any),
      locale: fc.oneof(fc.constantFrom('en-US', 'de', 'xx'), any),
      app_permissions: any,
      message: fc.oneof(randomObject, any),
    },
    { requiredKeys: ['id', 'application_id', 'type', 'token'] },
  );
  return interaction.map((i) => {
    const body = JSON.stringify(i);
    return {
      method: 'POST' as const,
      url: INTERACTIONS_URL,
      payload: body,
      headers: { 'content-type': 'application/json', ...discordHeaders(secrets.discord.privateKey, body) },
    };
  });
}

/** Webhook-event-shaped JSON: PING, APPLICATION_AUTHORIZED / DEAUTHORIZED / anything, with data of any shape. */
export function signedWebhookEvents(secrets: FuzzSecrets): fc.Arbitrary<FuzzRequest> {
  const data = fc.oneof(
    fc.record(
      {
        integration_type: fc.oneof(fc.constantFrom(0, 1), any),
        user: fc.oneof(fc.record({ id: snowflake }), any),
        scopes: fc.oneof(fc.array(fc.string({ maxLength: 70 }), { maxLength: 25 }), any),
        guild: fc.oneof(fc.record({ id: snowflake }), any),
      },
      { requiredKeys: [] },
    ),
    randomObject,
    any,
  );
  const event = fc.record(
    {
      version: fc.oneof(fc.constant(1), any),
      application_id: fc.oneof(
        { weight: 6, arbitrary: fc.constant(secrets.discordAppId) },
        { weight: 1, arbitrary: any },
      ),
      type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: any }),
      event: fc.oneof(
        fc.record(
          {
            type: fc.oneof(
              fc.constantFrom('APPLICATION_AUTHORIZED', 'APPLICATION_DEAUTHORIZED', 'ENTITLEMENT_CREATE'),
              fc.string({ maxLength: 80 }),
            ),
            timestamp: fc.oneof(
              fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              any,
            ),
            data,
          },
          { requiredKeys: ['type'] },
        ),
        any,
      ),
    },
    { requiredKeys: ['application_id', 'type'] },
  );
  return event.map((e) => {
    const body = JSON.stringify(e);
    return {
      method: 'POST' as const,
      url: EVENTS_URL,
      payload: body,
      headers: { 'content-type': 'application/json', ...discordHeaders(secrets.discord.privateKey, body) },
    };
  });
}
