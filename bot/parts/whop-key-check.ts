// Proving a Whop API key before anything is stored: which company it belongs to (the one the admin named, or
// the only one Whop lists for the key), that it can read that company at all (members), and that every list
// a sync starts from answers too (memberships, payments, plans): a key missing one of those permissions would
// link a workspace whose figures never fill in. Through core/whop's SDK client; the key is never logged or echoed.
import { APIConnectionError, APIError, type Whop } from '@whop/sdk';
import { createWhopClient } from '../../core/whop/client.ts';
import { BadInput } from '../../core/errors.ts';

/** The reads a sync needs besides members, by what the refusal calls them. */
const syncReads = {
  memberships: (w: Whop, company: string) => w.memberships.list({ company_id: company, first: 1 }),
  payments: (w: Whop, company: string) => w.payments.list({ company_id: company, first: 1 }),
  plans: (w: Whop, company: string) => w.plans.list({ account_id: company, first: 1 }),
} as const;
export type SyncRead = keyof typeof syncReads;

export type KeyCheck =
  | { ok: true; whopCompanyId: string; title: string | null }
  | { ok: false; reason: 'rejected' | 'no-access' | 'company-needed' | 'unreachable'; status?: number }
  | { ok: false; reason: 'missing-permission'; missing: SyncRead[]; status?: number };

const companyIdPattern = /^biz_[A-Za-z0-9_]{1,60}$/;
const keyPattern = /^[\x21-\x7e]{8,300}$/;

/** BadInput for input that cannot be a key or a company id (nothing is sent to Whop then). */
export function checkKeyInput(apiKey: string, whopCompanyId: string | undefined): void {
  if (!keyPattern.test(apiKey))
    throw new BadInput('That does not look like a Whop API key: paste the whole key, without spaces.');
  if (whopCompanyId !== undefined && !companyIdPattern.test(whopCompanyId))
    throw new BadInput('The company id starts with biz_ (Whop dashboard → Settings).');
}

function failure(err: unknown): Exclude<KeyCheck, { ok: true } | { reason: 'missing-permission' }> {
  if (err instanceof APIError && !(err instanceof APIConnectionError)) {
    if (err.status === 401) return { ok: false, reason: 'rejected', status: 401 };
    if (err.status === 403 || err.status === 404) return { ok: false, reason: 'no-access', status: err.status };
    return { ok: false, reason: 'unreachable', status: err.status ?? undefined };
  }
  return { ok: false, reason: 'unreachable' };
}

async function whichCompany(whop: Whop, named: string | undefined): Promise<string | KeyCheck> {
  if (named) return named;
  try {
    const listed = (await whop.companies.list({ first: 2 })).data.map((c) => c.id);
    return listed.length === 1 ? listed[0]! : { ok: false, reason: 'company-needed' };
  } catch (err) {
    const f = failure(err);
    // Listing companies is not open to every key: without a company id there is nothing else to try.
    return f.reason === 'rejected' ? f : { ok: false, reason: 'company-needed' };
  }
}

export async function checkWhopKey(apiKey: string, baseURL: string, whopCompanyId?: string): Promise<KeyCheck> {
  const whop = createWhopClient({ apiKey, baseURL, timeoutMs: 10_000 });
  const company = await whichCompany(whop, whopCompanyId);
  if (typeof company !== 'string') return company;
  try {
    await whop.members.list({ company_id: company, first: 1 });
  } catch (err) {
    return failure(err);
  }
  const reads = Object.entries(syncReads) as Array<[SyncRead, (w: Whop, c: string) => Promise<unknown>]>;
  const results = await Promise.all(
    reads.map(([name, read]) =>
      read(whop, company).then(
        () => null,
        (err: unknown) => ({ name, f: failure(err) }),
      ),
    ),
  );
  const failed = results.filter((r) => r !== null);
  if (failed.some((r) => r.f.reason === 'unreachable' || r.f.reason === 'rejected'))
    return failed.find((r) => r.f.reason !== 'no-access')!.f;
  if (failed.length)
    return { ok: false, reason: 'missing-permission', missing: failed.map((r) => r.name), status: failed[0]!.f.status };
  const title = await whop.companies.retrieve(company).then(
    (c) => c.title,
    () => null,
  );
  return { ok: true, whopCompanyId: company, title };
}
