// The "Reach out" message form on Slack: a modal opened with the button's trigger id, holding the prefilled,
// editable text. Its private metadata carries the prediction id, the click (`slack:<trigger id>`, which a send
// is recorded against so a second submission of the same form replays instead of sending again), whether the
// admin confirmed a second message, and the channel it was asked from.
import type { ModalView } from '@slack/web-api';
import type { ViewStateValue } from '@slack/bolt';
import { OUTREACH_MAX_LENGTH } from '../../core/outreach/index.ts';
import type { ReachForm, ReachSubmission } from '../interactions/actions/reach-out.ts';

export const REACH_CALLBACK_ID = 'pulse_reach';
const BLOCK = 'reach_message';
const V = 'value';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export function reachModalView(form: ReachForm, channelId: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: REACH_CALLBACK_ID,
    private_metadata: JSON.stringify({ p: form.predictionId, k: form.clickKey, c: form.confirmed, ch: channelId }),
    // Slack modal titles hold at most 24 characters.
    title: plain('Reach out'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: BLOCK,
        label: plain(`Message to ${form.memberLabel}`.slice(0, 100)),
        hint: plain("Sent in Whop's support chat, else as a Discord DM from Pulse's bot; else you get it to copy."),
        element: {
          type: 'plain_text_input',
          action_id: V,
          multiline: true,
          min_length: 1,
          max_length: OUTREACH_MAX_LENGTH,
          initial_value: form.text,
        },
      },
    ],
  };
}

/** The submission, or null when the metadata is not a reach-out form's (forged or from another version). */
export function parseReachSubmission(
  privateMetadata: string,
  values: Record<string, Record<string, ViewStateValue>>,
): (ReachSubmission & { channelId: string | null }) | null {
  let meta: { p?: unknown; k?: unknown; c?: unknown; ch?: unknown };
  try {
    meta = JSON.parse(privateMetadata) as typeof meta;
  } catch {
    return null;
  }
  if (typeof meta.p !== 'number' || !Number.isSafeInteger(meta.p) || meta.p <= 0) return null;
  if (typeof meta.k !== 'string' || !/^slack:[\w.-]{1,90}$/.test(meta.k)) return null;
  return {
    predictionId: meta.p,
    clickKey: meta.k,
    confirmed: meta.c === true,
    text: values[BLOCK]?.[V]?.value ?? '',
    channelId: typeof meta.ch === 'string' ? meta.ch : null,
  };
}
