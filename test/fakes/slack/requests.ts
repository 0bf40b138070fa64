// What Slack sends to POST /slack/events, signed as Slack signs it: `X-Slack-Signature: v0=<hex HMAC-SHA256 of
// "v0:<timestamp>:<raw body>">` and `X-Slack-Request-Timestamp`. Builders for the four request kinds Pulse
// handles: slash commands (form-encoded), block_actions and view_submission (form-encoded `payload=<json>`),
// and Events API callbacks (JSON).
import { createHmac } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Signs `body` at `timestamp` (seconds; default now). */
export function signSlackRequest(
  secret: string,
  body: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): SignedRequest {
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    },
  };
}

const FORM = 'application/x-www-form-urlencoded';

export interface Who {
  teamId: string;
  userId: string;
  channelId?: string;
}

export function slashCommandBody(who: Who & { text: string; responseUrl: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: who.teamId,
    team_domain: who.teamId.toLowerCase(),
    channel_id: who.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: who.userId,
    user_name: who.userId.toLowerCase(),
    command: '/pulse',
    text: who.text,
    api_app_id: 'APULSE',
    is_enterprise_install: 'false',
    response_url: who.responseUrl,
    trigger_id: who.triggerId ?? `trig.${who.userId}.${Date.now()}`,
  }).toString();
}

export function blockActionsBody(
  who: Who & {
    actionId: string;
    responseUrl?: string;
    selected?: string;
    value?: string;
    triggerId?: string;
    /** The message the button sat on; `home` for an App Home view. */
    container?: 'message' | 'ephemeral' | 'home';
  },
): string {
  const container = who.container ?? 'message';
  const action =
    who.selected !== undefined
      ? {
          type: 'static_select',
          action_id: who.actionId,
          block_id: 'pulse-actions-0',
          selected_option: { text: { type: 'plain_text', text: who.selected }, value: who.selected },
          action_ts: '1764000000.1',
        }
      : {
          type: 'button',
          action_id: who.actionId,
          block_id: 'pulse-actions-0',
          text: { type: 'plain_text', text: 'Button' },
          ...(who.value ? { value: who.value } : {}),
          action_ts: '1764000000.1',
        };
  const payload = {
    type: 'block_actions',
    user: { id: who.userId, username: who.userId.toLowerCase(), name: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'APULSE',
    token: 'deprecated-verification-token',
    trigger_id: who.triggerId ?? `trig.${who.userId}.${Date.now()}`,
    team: { id: who.teamId, domain: who.teamId.toLowerCase() },
    is_enterprise_install: false,
    ...(container === 'home'
      ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', blocks: [] } }
      : {
          container: {
            type: 'message',
            message_ts: '1764000000.000100',
            channel_id: who.channelId ?? 'C0GENERAL',
            is_ephemeral: container === 'ephemeral',
          },
          channel: { id: who.channelId ?? 'C0GENERAL', name: 'general' },
          ...(container === 'message' ? { message: { type: 'message', ts: '1764000000.000100', text: 'Pulse' } } : {}),
          response_url: who.responseUrl,
        }),
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function viewSubmissionBody(
  who: Who & {
    callbackId: string;
    viewId?: string;
    privateMetadata?: string;
    values: Record<string, Record<string, unknown>>;
  },
): string {
  const payload = {
    type: 'view_submission',
    team: { id: who.teamId, domain: who.teamId.toLowerCase() },
    user: { id: who.userId, username: who.userId.toLowerCase(), name: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'APULSE',
    token: 'deprecated-verification-token',
    trigger_id: `trig.${who.userId}.${Date.now()}`,
    is_enterprise_install: false,
    view: {
      id: who.viewId ?? 'VSETUP',
      team_id: who.teamId,
      type: 'modal',
      callback_id: who.callbackId,
      private_metadata: who.privateMetadata ?? '',
      blocks: [],
      state: { values: who.values },
      hash: 'h1',
    },
    response_urls: [],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function appHomeOpenedBody(who: Who): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: who.teamId,
    api_app_id: 'APULSE',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: who.teamId, user_id: 'UPULSEBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_home_opened',
      user: who.userId,
      channel: `D${who.userId}`,
      tab: 'home',
      event_ts: '1764000000.000200',
    },
  });
}

export const formContentType = FORM;
export const jsonContentType = 'application/json';
