// The link page's sign-in steps: start (a fresh PKCE verifier and browser binding, then Whop's authorize
// URL) and the callback (state checked, the verifier taken once by the same browser, the code exchanged,
// the Whop user read and recorded, and the person's own installed companies offered as choices).
import { randomBytes } from 'node:crypto';
import { findInstalledCompanyByWhopIds, type InstalledCompany } from './installed-company.ts';
import {
  findLinkRequest,
  setLinkWhopUser,
  startLinkSignIn,
  takeCodeVerifier,
  type LinkRequestRow,
} from './link-requests.repository.ts';
import { browserHash, openLink, refuse, tokenOfRequest, type LinkFlowDeps, type Refused } from './link-flow.ts';
import { readOAuthState, signOAuthState } from './link-token.ts';
import { ownCompanyIds, whopUserIdPattern } from './whop-admin.ts';
import {
  authorizeUrl,
  exchangeCode,
  fetchUserInfo,
  pkcePair,
  signInConfigured,
  WhopSignInFailed,
} from './whop-oauth.ts';

/** A new browser-binding value (the cookie), unless the browser already has a usable one. */
export function browserIdOr(existing: string | undefined): string {
  return existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
}

export async function startSignIn(
  deps: LinkFlowDeps,
  token: string,
  browserId: string,
): Promise<{ ok: true; redirect: string } | Refused> {
  if (!signInConfigured(deps.config)) return refuse('not-configured');
  const opened = await openLink(deps, token);
  if (!opened.ok) return opened;
  const { verifier, challenge } = pkcePair();
  if (!(await startLinkSignIn(deps.db, opened.request.id, deps.now(), verifier, browserHash(browserId))))
    return refuse('used');
  const state = signOAuthState(deps.config.PULSE_SECRET, opened.request.id, opened.request.expiresAt);
  return { ok: true, redirect: authorizeUrl(deps.config, { state, challenge }) };
}

export interface SignedIn {
  ok: true;
  token: string;
  request: LinkRequestRow;
  whopUserId: string;
  /** The person's own companies that installed Pulse (suggestions; the admin check decides). */
  candidates: InstalledCompany[];
}

export interface CallbackInput {
  state?: string;
  code?: string;
  error?: string;
  browserId?: string;
}

export async function completeSignIn(deps: LinkFlowDeps, input: CallbackInput): Promise<SignedIn | Refused> {
  if (!signInConfigured(deps.config)) return refuse('not-configured');
  const now = deps.now();
  const requestId = input.state ? readOAuthState(deps.config.PULSE_SECRET, input.state, now) : null;
  const row = requestId ? await findLinkRequest(deps.db, requestId) : null;
  if (!row) return refuse('invalid');
  const opened = await openLink(deps, tokenOfRequest(deps.config.PULSE_SECRET, row));
  if (!opened.ok) return opened;
  if (input.error) return refuse('sign-in-denied');
  if (!input.browserId || opened.request.browserHash !== browserHash(input.browserId)) return refuse('other-browser');
  if (!input.code || input.code.length > 2048) return refuse('sign-in-failed');
  const verifier = await takeCodeVerifier(deps.db, row.id, now, browserHash(input.browserId));
  if (!verifier) return refuse('sign-in-failed'); // a replayed callback: the verifier went with the first one
  let whopUserId: string;
  let accessToken: string;
  try {
    accessToken = await exchangeCode(deps.config, { code: input.code, verifier });
    whopUserId = (await fetchUserInfo(deps.config, accessToken)).sub;
  } catch (err) {
    if (err instanceof WhopSignInFailed) return refuse('sign-in-failed');
    throw err;
  }
  if (!whopUserIdPattern.test(whopUserId) || !(await setLinkWhopUser(deps.db, row.id, deps.now(), whopUserId)))
    return refuse('sign-in-failed');
  const candidates = await findInstalledCompanyByWhopIds(deps.db, await ownCompanyIds(deps.config, accessToken));
  return { ok: true, token: opened.token, request: { ...opened.request, whopUserId }, whopUserId, candidates };
}
