// Asking Whop who may link what, through the official SDK: with the app key (WHOP_API_KEY), whether a user
// is an admin of a company (`GET /users/{id}/access/{biz_…}`, owners count as admins); with the signed-in
// person's own OAuth token, the companies they have on Whop (only to suggest choices: the admin check with
// the app key is what decides).
import { APIConnectionError, APIError } from '@whop/sdk';
import type { Config } from '../config.ts';
import { createWhopClient } from '../whop/client.ts';

export type AdminCheck = 'admin' | 'not-admin' | 'unavailable';
export type AdminConfig = Pick<Config, 'WHOP_API_KEY' | 'WHOP_API_BASE_URL'>;

export const whopCompanyIdPattern = /^biz_[A-Za-z0-9_]{1,60}$/;
export const whopUserIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const TIMEOUT_MS = 10_000;

/** `admin` only when Whop says so; a refusal (403/404) is `not-admin`; anything else `unavailable` (try later). */
export async function checkCompanyAdmin(
  c: AdminConfig,
  whopUserId: string,
  whopCompanyId: string,
): Promise<AdminCheck> {
  if (!c.WHOP_API_KEY) return 'unavailable';
  if (!whopUserIdPattern.test(whopUserId) || !whopCompanyIdPattern.test(whopCompanyId)) return 'not-admin';
  const whop = createWhopClient({ apiKey: c.WHOP_API_KEY, baseURL: c.WHOP_API_BASE_URL, timeoutMs: TIMEOUT_MS });
  try {
    const access = await whop.users.checkAccess(whopCompanyId, { id: whopUserId });
    return access.has_access && access.access_level === 'admin' ? 'admin' : 'not-admin';
  } catch (err) {
    if (err instanceof APIError && !(err instanceof APIConnectionError) && (err.status === 403 || err.status === 404))
      return 'not-admin';
    return 'unavailable';
  }
}

/** The Whop ids of the signed-in person's own companies (at most 50); empty when Whop will not list them. */
export async function ownCompanyIds(c: Pick<Config, 'WHOP_API_BASE_URL'>, userAccessToken: string): Promise<string[]> {
  const whop = createWhopClient({ apiKey: userAccessToken, baseURL: c.WHOP_API_BASE_URL, timeoutMs: TIMEOUT_MS });
  try {
    const page = await whop.companies.list({ first: 50 });
    return page.data.map((x) => x.id).filter((id) => whopCompanyIdPattern.test(id));
  } catch {
    return [];
  }
}
