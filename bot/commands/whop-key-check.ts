// Proving a Whop API key before anything is stored: which company it belongs to (the one the admin named, or
// the only one Whop lists for the key) and that it can read that company's members — the read every sync
// starts with. Through core/whop's SDK client; the key is never logged or echoed.
import { APIConnectionError, APIError } from '@whop/sdk';
import { createWhopClient } from '../../core/whop/client.ts';
import { BadInput } from '../../core/errors.ts';

export type KeyCheck =
  | { ok: true; whopCompanyId: string; title: string | null }
  | { ok: false; reason: 'rejected' | 'no-access' | 'company-needed' | 'unreachable'; status?: number };

const companyIdPattern = /^biz_[A-Za-z0-9_]{1,60}$/;
const keyPattern = /^[\x21-\x7e]{8,300}$/;

/** BadInput for input that cannot be a key or a company id (nothing is sent to Whop then). */
export function checkKeyInput(apiKey: string, whopCompanyId: string | undefined): void {
  if (!keyPattern.test(apiKey)) throw new BadInput('That does not look like a Whop API key: paste the whole key, without spaces.');
  if (whopCompanyId !== undefined && !companyIdPattern.test(whopCompanyId)) throw new BadInput('The company id starts with biz_ (Whop dashboard → Settings).');
}

function failure(err: unknown): KeyCheck {
  if (err instanceof APIError && !(err instanceof APIConnectionError)) {
    if (err.status === 401) return { ok: false, reason: 'rejected', status: 401 };
    if (err.status === 403 || err.status === 404) return { ok: false, reason: 'no-access', status: err.status };
    return { ok: false, reason: 'unreachable', status: err.status ?? undefined };
  }
  return { ok: false, reason: 'unreachable' };
}

export async function checkWhopKey(apiKey: string, baseURL: string, whopCompanyId?: string): Promise<KeyCheck> {
  const whop = createWhopClient({ apiKey, baseURL, timeoutMs: 10_000 });
  let company = whopCompanyId;
  if (!company) {
    try {
      const page = await whop.companies.list({ first: 2 });
      const listed = page.data.map((c) => c.id);
      if (listed.length !== 1) return { ok: false, reason: 'company-needed' };
      company = listed[0]!;
    } catch (err) {
      const f = failure(err);
      // Listing companies is not open to every key: without a company id there is nothing else to try.
      return f.ok === false && f.reason === 'rejected' ? f : { ok: false, reason: 'company-needed' };
    }
  }
  try {
    await whop.members.list({ company_id: company, first: 1 });
  } catch (err) {
    return failure(err);
  }
  const title = await whop.companies.retrieve(company).then((c) => c.title, () => null);
  return { ok: true, whopCompanyId: company, title };
}
