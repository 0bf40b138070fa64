// Reaching a member through Whop: @whop/sdk's supportChannels.create({ company_id, user_id }) opens the
// company's support chat with that customer (Whop returns the existing one if there is one; permission
// `support_chat:create`), then messages.create({ channel_id, content }) posts the text in it (permission
// `chat:message:create`). The member sees it in their Whop DMs list. The post is not retried: Whop's v1
// messages endpoint takes no idempotency key, so a retry after a timeout could post twice.
import { APIError, APIConnectionError } from '@whop/sdk';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/queryable.ts';
import type { CompanyRef } from '../companies/company.repository.ts';
import { whopApiForCompany } from '../whop/credentials.ts';
import type { Delivery } from './delivery.ts';

type WhopConfig = Pick<Config, 'PULSE_SECRET' | 'WHOP_API_KEY' | 'WHOP_API_BASE_URL' | 'WHOP_WEBHOOK_SECRET'>;

/** The refusal in the admin's words, from Whop's HTTP status on opening the support chat or posting in it. */
function refusal(status: number | undefined, step: 'open' | 'post'): string {
  if (status === 401 || status === 403) {
    return `Whop refused: the Pulse app lacks the ${step === 'open' ? 'support chat (support_chat:create)' : 'chat message (chat:message:create)'} permission for this company`;
  }
  if (status === 404) return 'Whop does not know this member any more';
  if (status === 429) return 'Whop is rate-limiting Pulse right now';
  return `Whop answered HTTP ${status ?? 'error'}`;
}

export async function sendWhopSupportMessage(
  db: Queryable,
  config: WhopConfig,
  company: CompanyRef,
  whopUserId: string,
  text: string,
): Promise<Delivery> {
  let api;
  try {
    api = await whopApiForCompany(db, config, company);
  } catch {
    return { ok: false, definite: true, reason: 'Pulse has no Whop API key for this company' };
  }
  let channelId: string;
  try {
    // Opening is idempotent on Whop's side (the existing chat comes back): no message exists yet either way.
    const channel = await api.sdk.supportChannels.create({ company_id: company.whopCompanyId, user_id: whopUserId });
    channelId = channel.id;
  } catch (err) {
    if (err instanceof APIError && err.status !== undefined)
      return { ok: false, definite: true, reason: refusal(err.status, 'open') };
    return { ok: false, definite: true, reason: 'Whop could not be reached' };
  }
  try {
    const message = await api.sdk.messages.create({ channel_id: channelId, content: text });
    return { ok: true, externalId: message.id };
  } catch (err) {
    const status = err instanceof APIError ? err.status : undefined;
    // A 4xx is Whop saying no; a 5xx, timeout or lost connection may have posted.
    if (!(err instanceof APIConnectionError) && status !== undefined && status >= 400 && status < 500) {
      return { ok: false, definite: true, reason: refusal(status, 'post') };
    }
    return {
      ok: false,
      definite: false,
      reason:
        'Whop did not confirm the message (it may have arrived): check the support chat on Whop before sending again',
    };
  }
}
