// The "Reach out" message form on Discord: the churn row's button (p1:reach:…) is answered with this modal
// (interaction response type 9) holding the prefilled, editable text; its custom id carries the prediction id,
// the id of the button interaction that opened it (the click a send is recorded against, so a second submission
// of the same form replays instead of sending again) and whether the admin confirmed a second message.
import {
  ComponentType,
  InteractionResponseType,
  TextInputStyle,
  type APIModalInteractionResponse,
  type APIModalSubmission,
} from 'discord.js';
import { OUTREACH_MAX_LENGTH } from '../../core/outreach/index.ts';
import type { ReachForm, ReachSubmission } from '../interactions/actions/reach-out.ts';
import { textValues } from './setup-modal.ts';

const PREFIX = 'p1:reachform:';
const TEXT_FIELD = 'message';

export function reachModal(form: ReachForm, interactionId: string): APIModalInteractionResponse {
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: `${PREFIX}${form.predictionId}:${interactionId}${form.confirmed ? ':c' : ''}`,
      title: `Message to ${form.memberLabel}`.slice(0, 45),
      components: [
        {
          type: ComponentType.Label,
          label: 'Message',
          description: "Sent in Whop's support chat, else as a Discord DM from Pulse; else you get it to copy.",
          component: {
            type: ComponentType.TextInput,
            custom_id: TEXT_FIELD,
            style: TextInputStyle.Paragraph,
            required: true,
            min_length: 1,
            max_length: OUTREACH_MAX_LENGTH,
            value: form.text,
          },
        },
      ],
    },
  };
}

/** The submission of a reach-out form, or null when the custom id is not one (another form, or forged). */
export function reachSubmission(data: APIModalSubmission): ReachSubmission | null {
  const m = /^p1:reachform:([1-9]\d{0,15}):(\d{5,25})(:c)?$/.exec(data.custom_id);
  if (!m) return null;
  return {
    predictionId: Number(m[1]),
    clickKey: `discord:${m[2]}`,
    confirmed: m[3] === ':c',
    text: textValues(data).get(TEXT_FIELD) ?? '',
  };
}
