// The Whop-key form of `/pulse setup`: the button SETUP_KEY_ACTION opens this modal (interaction response
// type 9, Label components); its submission carries the key, which goes to submitSetupKey and nowhere else
// (never logged, never echoed).
import {
  ComponentType,
  InteractionResponseType,
  TextInputStyle,
  type APIModalInteractionResponse,
  type APIModalSubmission,
  type ModalSubmitComponent,
} from 'discord.js';
import { SETUP_KEY_ACTION } from '../parts/action-ids.ts';

export const SETUP_MODAL_ID = SETUP_KEY_ACTION;
const KEY_FIELD = 'whop_api_key';
const COMPANY_FIELD = 'whop_company_id';

export function setupKeyModal(): APIModalInteractionResponse {
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: SETUP_MODAL_ID,
      title: 'Link Pulse to Whop',
      components: [
        {
          type: ComponentType.Label,
          label: 'Whop API key',
          description: 'A company API key from Developer → API keys. Stored encrypted.',
          component: {
            type: ComponentType.TextInput,
            custom_id: KEY_FIELD,
            style: TextInputStyle.Short,
            required: true,
            min_length: 10,
            max_length: 200,
          },
        },
        {
          type: ComponentType.Label,
          label: 'Whop company id (optional)',
          description: 'biz_… — needed only for an app key that several companies installed.',
          component: {
            type: ComponentType.TextInput,
            custom_id: COMPANY_FIELD,
            style: TextInputStyle.Short,
            required: false,
            max_length: 64,
            placeholder: 'biz_…',
          },
        },
      ],
    },
  };
}

/** Text values of a submission by custom id: both the Label layout and the older action-row layout. */
export function textValues(data: APIModalSubmission): Map<string, string> {
  const values = new Map<string, string>();
  const take = (c: ModalSubmitComponent) => {
    if (c.type === ComponentType.TextInput) values.set(c.custom_id, c.value);
  };
  for (const top of data.components) {
    if (top.type === ComponentType.Label) take(top.component);
    else if (top.type === ComponentType.ActionRow) top.components.forEach(take);
  }
  return values;
}

export function setupKeySubmission(data: APIModalSubmission): { whopApiKey: string; whopCompanyId?: string } {
  const values = textValues(data);
  const companyId = values.get(COMPANY_FIELD)?.trim();
  return { whopApiKey: (values.get(KEY_FIELD) ?? '').trim(), ...(companyId ? { whopCompanyId: companyId } : {}) };
}
