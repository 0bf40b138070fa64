// Compact signed tokens for the linking flows (OAuth state, install grants):
// base64url(JSON payload) + '.' + base64url(HMAC-SHA256(payload part)), each purpose keyed with its own HKDF
// sub-key of PULSE_SECRET so a token of one purpose never verifies as another. The MAC is always computed and
// compared in constant time, whatever shape the token has; expiry and single use are the callers' business.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hkdfKey } from '../crypto.ts';

const MAC_BYTES = 32;
/** Longest token accepted: install grants and OAuth states are under 250 characters; anything far longer is not ours. */
export const MAX_TOKEN_LENGTH = 600;
const base64url = /^[A-Za-z0-9_-]*$/;

export type TokenPurpose = 'link-requests' | 'whop-oauth-state' | 'install-grants';

export function linkingKey(secret: string, purpose: TokenPurpose): Buffer {
  return hkdfKey(secret, `linking/${purpose}`);
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body, 'utf8').digest();
}

export function signPayload(key: Buffer, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The payload object when the MAC matches, else null (forged, truncated, malformed). */
export function verifyPayload(key: Buffer, token: string): Record<string, unknown> | null {
  const bounded = token.length <= MAX_TOKEN_LENGTH ? token : '';
  const dot = bounded.indexOf('.');
  const body = dot < 0 ? bounded : bounded.slice(0, dot);
  const given = dot < 0 ? '' : bounded.slice(dot + 1);
  const expected = mac(key, body);
  const decoded = base64url.test(given) ? Buffer.from(given, 'base64url') : Buffer.alloc(0);
  const sameLength = decoded.length === MAC_BYTES;
  // Equal-length buffers in every case, so a wrong length takes the same path as a wrong MAC.
  const equal = timingSafeEqual(expected, sameLength ? decoded : Buffer.alloc(MAC_BYTES));
  const canonical = sameLength && decoded.toString('base64url') === given;
  if (!(equal && canonical && dot > 0 && base64url.test(body))) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
