// Requests to POST /slack/events, signed as Slack signs them: X-Slack-Signature = `v0=` + hex HMAC-SHA256 of
// `v0:<timestamp>:<raw body>` with the signing secret, X-Slack-Request-Timestamp in Unix seconds (5 minutes either
// way). Garbled (absent or wrong signatures: 401), signed bytes (anything, correctly signed), and signed
// Slack-shaped requests — slash commands, interactivity payloads, Events API callbacks — with random fields.
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
} from './arbitraries.ts';
import type { FuzzRequest, FuzzSecrets } from './fuzz-app.ts';

export const SLACK_URL = '/slack/events';
/** Under the route's 512 KiB limit. */
const MAX_BODY = 64 * 1024;
const FORM = 'application/x-www-form-urlencoded';

export function slackSignature(secret: string, timestamp: string, body: string | Buffer): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

export function slackHeaders(secret: string, body: string | Buffer, type: string): Record<string, string> {
  const ts = String(nowSeconds());
  return {
    'content-type': type,
    'x-slack-request-timestamp': ts,
    'x-slack-signature': slackSignature(secret, ts, body),
  };
}

const garbles = [
  'unsigned',
  'missing',
  'random-signature',
  'no-version',
  'other-version',
  'wrong-secret',
  'other-body',
  'tampered',
  'outside-window',
  'not-a-timestamp',
] as const;

export function garbledSlack(secrets: FuzzSecrets): fc.Arbitrary<FuzzRequest & { garble: string }> {
  return fc
    .record({
      garble: fc.constantFrom(...garbles),
      body: bodyText(MAX_BODY),
      type: contentType,
      extra: extraHeaders,
      drop: fc.subarray(['x-slack-signature', 'x-slack-request-timestamp'], { minLength: 1 }),
      offset: outsideWindow,
      badTimestamp: notATimestamp,
      randomHex: fc.stringMatching(/^[0-9a-f]{0,80}$/),
      otherSecret: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== secrets.slack),
      at: fc.nat(),
    })
    .map((g) => {
      const ts = String(nowSeconds());
      const good = slackSignature(secrets.slack, ts, g.body);
      let headers: Record<string, string> = { 'x-slack-signature': good, 'x-slack-request-timestamp': ts };
      let payload = g.body;
      switch (g.garble) {
        case 'unsigned':
          headers = {};
          break;
        case 'missing':
          for (const name of g.drop) delete headers[name];
          break;
        case 'random-signature':
          headers['x-slack-signature'] = `v0=${g.randomHex}`;
          break;
        case 'no-version':
          headers['x-slack-signature'] = good.slice(3);
          break;
        case 'other-version':
          headers['x-slack-signature'] = `v1=${good.slice(3)}`;
          break;
        case 'wrong-secret':
          headers['x-slack-signature'] = slackSignature(g.otherSecret, ts, g.body);
          break;
        case 'other-body':
          headers['x-slack-signature'] = slackSignature(secrets.slack, ts, tamper(g.body, g.at));
          break;
        case 'tampered':
          payload = tamper(g.body, g.at);
          break;
        case 'outside-window': {
          const shifted = String(Math.max(0, nowSeconds() + g.offset));
          headers = {
            'x-slack-signature': slackSignature(secrets.slack, shifted, g.body),
            'x-slack-request-timestamp': shifted,
          };
          break;
        }
        case 'not-a-timestamp':
          headers = {
            'x-slack-signature': slackSignature(secrets.slack, g.badTimestamp, g.body),
            'x-slack-request-timestamp': g.badTimestamp,
          };
          break;
      }
      return {
        garble: g.garble,
        method: 'POST' as const,
        url: SLACK_URL,
        headers: { ...g.extra, 'content-type': g.type, ...headers },
        payload,
      };
    });
}

/** Anything at all as the body, under any content type, signed with the signing secret. */
export function signedSlackBytes(secrets: FuzzSecrets): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.oneof(bodyText(MAX_BODY), bodyBytes),
      fc.oneof(fc.constantFrom(FORM, 'application/json'), contentType),
      extraHeaders,
    )
    .map(([body, type, extra]) => ({
      method: 'POST' as const,
      url: SLACK_URL,
      payload: body,
      headers: { ...extra, ...slackHeaders(secrets.slack, body, type) },
    }));
}

const any = fc.jsonValue({ maxDepth: 2 });
const text = fc.oneof(
  fc.constantFrom(
    'help',
    'revenue',
    'revenue last_month',
    'engagement',
    'churn',
    'content',
    'report link',
    'report revoke all',
    'setup',
    'status',
    'ask why',
    '',
  ),
  fc.string({ maxLength: 60 }),
);
const actionIds = [
  'p1:setup:key',
  'p1:who:churn',
  'p1:who:risk',
  'p1:reveal:urgent',
  'p1:period:revenue',
  'p1:page:churn:all:2',
  'p1:churn:snooze:1',
  'p1:who:rev:last_month',
  'p1:x',
  'link:open',
];

function slashCommand(secrets: FuzzSecrets, teams: string[]): fc.Arbitrary<{ body: string; type: string }> {
  return fc
    .record(
      {
        token: fc.string({ maxLength: 20 }),
        team_id: fc.oneof(fc.constantFrom(...teams), fc.string({ maxLength: 12 }), prototypeKey),
        user_id: fc.string({ maxLength: 12 }),
        channel_id: fc.string({ maxLength: 12 }),
        command: fc.oneof(fc.constant('/pulse'), fc.string({ maxLength: 12 })),
        text,
        response_url: fc.constant(secrets.slackResponseUrl),
        trigger_id: fc.string({ maxLength: 20 }),
        api_app_id: fc.string({ maxLength: 12 }),
        is_enterprise_install: fc.constantFrom('true', 'false', 'x'),
        enterprise_id: fc.oneof(fc.string({ maxLength: 12 }), prototypeKey),
      },
      { requiredKeys: [] },
    )
    .map((o) => ({ body: new URLSearchParams(o as Record<string, string>).toString(), type: FORM }));
}

function interactivity(secrets: FuzzSecrets, teams: string[]): fc.Arbitrary<{ body: string; type: string }> {
  const team = fc.oneof(fc.constantFrom(...teams), prototypeKey, any);
  const action = fc.record(
    {
      action_id: fc.oneof(fc.constantFrom(...actionIds), any),
      type: fc.oneof(fc.constantFrom('button', 'static_select'), any),
      value: any,
      block_id: any,
      selected_option: fc.oneof(fc.record({ value: fc.oneof(fc.string({ maxLength: 30 }), any) }), any),
    },
    { requiredKeys: [] },
  );
  const payload = fc.record(
    {
      type: fc.oneof(
        fc.constantFrom(
          'block_actions',
          'view_submission',
          'view_closed',
          'shortcut',
          'message_action',
          'block_suggestion',
        ),
        any,
      ),
      user: fc.oneof(
        fc.record({ id: fc.oneof(fc.string({ maxLength: 12 }), any), team_id: team }, { requiredKeys: [] }),
        any,
      ),
      team: fc.oneof(fc.record({ id: team }, { requiredKeys: [] }), any),
      api_app_id: any,
      token: any,
      trigger_id: any,
      actions: fc.oneof(fc.array(action, { maxLength: 2 }), any),
      view: fc.oneof(
        fc.record(
          {
            id: any,
            callback_id: fc.oneof(fc.constant('pulse_setup'), any),
            private_metadata: fc.oneof(fc.string({ maxLength: 60 }), any),
            state: fc.oneof(
              fc.record({
                values: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), randomObject, { maxKeys: 3 }), any),
              }),
              any,
            ),
          },
          { requiredKeys: [] },
        ),
        any,
      ),
      container: fc.oneof(randomObject, any),
      channel: fc.oneof(randomObject, any),
      message: fc.oneof(randomObject, any),
      response_url: fc.constant(secrets.slackResponseUrl),
      is_enterprise_install: any,
      enterprise: any,
    },
    { requiredKeys: ['type'] },
  );
  return payload.map((p) => ({ body: new URLSearchParams({ payload: JSON.stringify(p) }).toString(), type: FORM }));
}

function eventsApi(teams: string[]): fc.Arbitrary<{ body: string; type: string }> {
  const event = fc.record(
    {
      type: fc.oneof(
        fc.constantFrom('app_home_opened', 'app_uninstalled', 'tokens_revoked', 'message', 'app_mention', 'team_join'),
        any,
      ),
      user: fc.oneof(fc.string({ maxLength: 12 }), any),
      channel: any,
      tab: fc.oneof(fc.constantFrom('home', 'messages'), any),
      text: any,
      tokens: fc.oneof(
        fc.record(
          { bot: fc.oneof(fc.array(fc.string({ maxLength: 12 }), { maxLength: 2 }), any), oauth: any },
          { requiredKeys: [] },
        ),
        any,
      ),
      event_ts: any,
    },
    { requiredKeys: ['type'] },
  );
  const envelope = fc.record(
    {
      type: fc.oneof(fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited'), any),
      token: any,
      challenge: any,
      team_id: fc.oneof(fc.constantFrom(...teams), prototypeKey, any),
      api_app_id: any,
      enterprise_id: fc.oneof(prototypeKey, any),
      event: fc.oneof(event, any),
      event_id: any,
      event_time: any,
      is_ext_shared_channel: any,
      authorizations: fc.oneof(fc.array(randomObject, { maxLength: 2 }), any),
      ssl_check: fc.constantFrom(undefined, '1'),
    },
    { requiredKeys: ['type'] },
  );
  return envelope.map((e) => ({ body: JSON.stringify(e), type: 'application/json' }));
}

/** Slack-shaped requests of all three kinds, with random fields, signed; a linked team or not. */
export function signedSlackShapes(secrets: FuzzSecrets, teams: string[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof(slashCommand(secrets, teams), interactivity(secrets, teams), eventsApi(teams))
    .map(({ body, type }) => ({
      method: 'POST' as const,
      url: SLACK_URL,
      payload: body,
      headers: slackHeaders(secrets.slack, body, type),
    }));
}
