// The setup modal the `p1:setup:key` button opens: the Whop API key (and, for app keys, the company id), then the
// digest and alert channels, time zone and digest hour. Its submission is checked here field by field (errors
// go back to Slack next to the field); the key itself goes only to submitSetupKey, never to a log or a reply.
import type { ModalView, PlainTextOption } from '@slack/web-api';
import type { ViewStateValue } from '@slack/bolt';

export const SETUP_CALLBACK_ID = 'pulse_setup';
const V = 'value';

export interface SetupSettings {
  digestChannelId?: string;
  alertChannelId?: string;
  timeZone?: string;
  digestHour?: number;
}

export type SetupSubmission =
  | { ok: true; whopApiKey: string; whopCompanyId?: string; settings: SetupSettings }
  | { ok: false; errors: Record<string, string> };

const hourOptions: PlainTextOption[] = Array.from({ length: 24 }, (_, h) => ({
  text: { type: 'plain_text', text: `${String(h).padStart(2, '0')}:00` },
  value: String(h),
}));

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function channelInput(blockId: string, label: string, hint: string) {
  return {
    type: 'input' as const,
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: 'conversations_select' as const,
      action_id: V,
      placeholder: plain('Choose a channel'),
      filter: {
        include: ['public' as const, 'private' as const],
        exclude_bot_users: true,
        exclude_external_shared_channels: true,
      },
    },
  };
}

/** `channelId`: where setup was asked, so the result can be posted back there. */
export function setupModal(channelId: string | null, digestHour = 8): ModalView {
  return {
    type: 'modal',
    callback_id: SETUP_CALLBACK_ID,
    private_metadata: JSON.stringify({ channelId }),
    title: plain('Set up Pulse'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'whop_key',
        label: plain('Whop API key'),
        hint: plain(
          'A company API key from Whop → Developer → API keys (read access is enough). Pulse checks it with Whop and stores it encrypted.',
        ),
        element: {
          type: 'plain_text_input',
          action_id: V,
          min_length: 8,
          max_length: 300,
          placeholder: plain('Paste the key'),
        },
      },
      {
        type: 'input',
        block_id: 'whop_company',
        optional: true,
        label: plain('Whop company id'),
        hint: plain('biz_… — only for an app key that several companies installed.'),
        element: { type: 'plain_text_input', action_id: V, max_length: 64, placeholder: plain('biz_…') },
      },
      channelInput('digest_channel', 'Daily digest channel', 'Where the daily numbers are posted.'),
      channelInput(
        'alert_channel',
        'Alert channel',
        'Where churn alerts are posted (member names stay hidden outside a private staff channel).',
      ),
      {
        type: 'input',
        block_id: 'time_zone',
        optional: true,
        label: plain('Time zone'),
        hint: plain('An IANA name such as Europe/Berlin or America/New_York; days and the digest hour follow it.'),
        element: { type: 'plain_text_input', action_id: V, max_length: 64, placeholder: plain('Europe/Berlin') },
      },
      {
        type: 'input',
        block_id: 'digest_hour',
        optional: true,
        label: plain('Digest hour'),
        element: {
          type: 'static_select',
          action_id: V,
          options: hourOptions,
          initial_option: hourOptions[digestHour] ?? hourOptions[8]!,
        },
      },
    ],
  };
}

export function setupChannelOf(privateMetadata: string): string | null {
  try {
    const parsed = JSON.parse(privateMetadata) as { channelId?: unknown };
    return typeof parsed.channelId === 'string' ? parsed.channelId : null;
  } catch {
    return null;
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function parseSetupSubmission(values: Record<string, Record<string, ViewStateValue>>): SetupSubmission {
  const get = (block: string) => values[block]?.[V];
  const errors: Record<string, string> = {};
  const key = get('whop_key')?.value?.trim() ?? '';
  if (key.length < 8 || /\s/.test(key)) errors.whop_key = 'Paste the whole key: one word, at least 8 characters.';
  const companyId = get('whop_company')?.value?.trim() || undefined;
  if (companyId && !/^biz_[A-Za-z0-9_]{1,60}$/.test(companyId))
    errors.whop_company = 'A Whop company id looks like biz_XXXXXXXX.';
  const timeZone = get('time_zone')?.value?.trim() || undefined;
  if (timeZone && !isTimeZone(timeZone))
    errors.time_zone = 'Not a time zone Pulse knows: use an IANA name such as Europe/Berlin.';
  const hourText = get('digest_hour')?.selected_option?.value;
  const digestHour = hourText === undefined ? undefined : Number(hourText);
  if (digestHour !== undefined && !(Number.isInteger(digestHour) && digestHour >= 0 && digestHour <= 23))
    errors.digest_hour = 'Choose an hour.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const digestChannelId = get('digest_channel')?.selected_conversation ?? undefined;
  const alertChannelId = get('alert_channel')?.selected_conversation ?? undefined;
  return {
    ok: true,
    whopApiKey: key,
    ...(companyId ? { whopCompanyId: companyId } : {}),
    settings: {
      ...(digestChannelId ? { digestChannelId } : {}),
      ...(alertChannelId ? { alertChannelId } : {}),
      ...(timeZone ? { timeZone } : {}),
      ...(digestHour !== undefined ? { digestHour } : {}),
    },
  };
}
