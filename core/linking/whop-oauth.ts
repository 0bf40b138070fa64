// "Sign in with Whop": OAuth 2.1 authorization code with PKCE (S256) and the `openid` scope against
// WHOP_OAUTH_BASE_URL (/authorize, /token, /userinfo). Pulse only needs who the person is (`sub`, the Whop
// user id); the access token is used once for userinfo (and the person's own company list) and never stored.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { PulseError } from '../errors.ts';

export type OAuthConfig = Pick<Config, 'WHOP_OAUTH_BASE_URL' | 'WHOP_CLIENT_ID' | 'WHOP_CLIENT_SECRET' | 'PUBLIC_URL'>;

/** Whop did not complete the sign-in (refused code, bad answer, unreachable): nothing is bound. */
export class WhopSignInFailed extends PulseError {
  readonly reason: 'token' | 'userinfo' | 'unreachable';
  readonly status: number | undefined;
  constructor(reason: WhopSignInFailed['reason'], status?: number) {
    super(`sign in with Whop failed at ${reason}${status ? ` (HTTP ${status})` : ''}`);
    this.reason = reason;
    this.status = status;
  }
}

export const CALLBACK_PATH = '/auth/whop/callback';
const TIMEOUT_MS = 10_000;

const base = (c: OAuthConfig) => c.WHOP_OAUTH_BASE_URL.replace(/\/+$/, '');
export const redirectUri = (c: Pick<Config, 'PUBLIC_URL'>) => `${c.PUBLIC_URL.replace(/\/+$/, '')}${CALLBACK_PATH}`;

/** Sign-in is on when the Whop app's OAuth client is configured. */
export function signInConfigured(c: Pick<Config, 'WHOP_CLIENT_ID' | 'WHOP_CLIENT_SECRET'>): boolean {
  return Boolean(c.WHOP_CLIENT_ID && c.WHOP_CLIENT_SECRET);
}

/** A PKCE code_verifier (43 characters of base64url, RFC 7636) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function authorizeUrl(c: OAuthConfig, input: { state: string; challenge: string }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.WHOP_CLIENT_ID ?? '',
    redirect_uri: redirectUri(c),
    scope: 'openid',
    state: input.state,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
  });
  return `${base(c)}/authorize?${q.toString()}`;
}

const tokenSchema = z.object({ access_token: z.string().min(1).max(4096), token_type: z.string().optional() });
const userInfoSchema = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(500).nullish(),
  preferred_username: z.string().max(500).nullish(),
});
export type WhopUserInfo = z.infer<typeof userInfoSchema>;

async function send(url: string, init: RequestInit, stage: 'token' | 'userinfo'): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new WhopSignInFailed('unreachable');
  }
  if (!res.ok) throw new WhopSignInFailed(stage, res.status);
  return res.json().catch(() => {
    throw new WhopSignInFailed(stage, res.status);
  });
}

/** Exchanges the authorization code (with its PKCE verifier) for an access token. */
export async function exchangeCode(c: OAuthConfig, input: { code: string; verifier: string }): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: redirectUri(c),
    code_verifier: input.verifier,
    client_id: c.WHOP_CLIENT_ID ?? '',
    client_secret: c.WHOP_CLIENT_SECRET ?? '',
  });
  const json = await send(
    `${base(c)}/token`,
    {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    },
    'token',
  );
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) throw new WhopSignInFailed('token');
  return parsed.data.access_token;
}

export async function fetchUserInfo(c: OAuthConfig, accessToken: string): Promise<WhopUserInfo> {
  const json = await send(
    `${base(c)}/userinfo`,
    { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } },
    'userinfo',
  );
  const parsed = userInfoSchema.safeParse(json);
  if (!parsed.success) throw new WhopSignInFailed('userinfo');
  return parsed.data;
}
