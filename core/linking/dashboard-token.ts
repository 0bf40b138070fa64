// The `x-whop-user-token` Whop's dashboard view sends with every same-origin request of an app iframe: an
// ES256 JWT signed by Whop (keys at <API origin>/.well-known/jwks.json), issuer urn:whopcom:exp-proxy,
// audience = our app id, `sub` = the Whop user. jose fetches and caches the key set (one per URL).
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Config } from '../config.ts';
import { whopUserIdPattern } from './whop-admin.ts';

export const USER_TOKEN_HEADER = 'x-whop-user-token';
export const USER_TOKEN_ISSUER = 'urn:whopcom:exp-proxy';

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function jwksUrl(c: Pick<Config, 'WHOP_API_BASE_URL'>): string {
  return `${new URL(c.WHOP_API_BASE_URL).origin}/.well-known/jwks.json`;
}

function keySet(url: string): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(url);
  if (!set)
    keySets.set(
      url,
      (set = createRemoteJWKSet(new URL(url), {
        cacheMaxAge: 12 * 60 * 60 * 1000,
        cooldownDuration: 30_000,
        timeoutDuration: 5_000,
      })),
    );
  return set;
}

/** The Whop user id of a genuine, current token for this app; null for anything else (forged, expired, other app). */
export async function verifyDashboardToken(
  c: Pick<Config, 'WHOP_API_BASE_URL' | 'WHOP_APP_ID'>,
  token: string | undefined,
  now: Date,
): Promise<string | null> {
  if (!c.WHOP_APP_ID || !token || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, keySet(jwksUrl(c)), {
      issuer: USER_TOKEN_ISSUER,
      audience: c.WHOP_APP_ID,
      algorithms: ['ES256'],
      currentDate: now,
      clockTolerance: 30,
    });
    return typeof payload.sub === 'string' && whopUserIdPattern.test(payload.sub) ? payload.sub : null;
  } catch {
    return null;
  }
}
