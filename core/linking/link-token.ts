// The two signed tokens of the link page. The /link/<token> itself: base64url(request id (16 bytes) ‖ expiry
// seconds (5 bytes)) + '.' + base64url(HMAC-SHA256 over that part and the row's platform, workspace id and
// the person who asked) — 72 characters, short enough for a chat button and a URL path segment, and bound
// to what it links: a token only verifies against its own row. The OAuth `state` sent to Whop names the
// link request only. Each purpose has its own HKDF key, so neither verifies as the other.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ChatPlatform } from '../tenancy/index.ts';
import { linkingKey, signPayload, verifyPayload } from './signed-token.ts';

export const LINK_TTL_MS = 15 * 60 * 1000;
const BODY_BYTES = 21;
const MAC_BYTES = 32;
const uuidHex = /^[0-9a-f]{32}$/;

export interface LinkBinding {
  requestId: string;
  platform: ChatPlatform;
  externalId: string;
  requestedBy: string;
  expiresAt: Date;
}

export interface ParsedLinkToken {
  requestId: string;
  expiresAt: Date;
}

function mac(secret: string, body: string, b: Pick<LinkBinding, 'platform' | 'externalId' | 'requestedBy'>): Buffer {
  return createHmac('sha256', linkingKey(secret, 'link-requests'))
    .update([body, b.platform, b.externalId, b.requestedBy].join('\n'), 'utf8')
    .digest();
}

export function signLinkToken(secret: string, b: LinkBinding): string {
  const buf = Buffer.alloc(BODY_BYTES);
  const hex = b.requestId.replaceAll('-', '').toLowerCase();
  if (!uuidHex.test(hex)) throw new Error('link request id must be a UUID');
  Buffer.from(hex, 'hex').copy(buf, 0);
  buf.writeUIntBE(Math.floor(b.expiresAt.getTime() / 1000), 16, 5);
  const body = buf.toString('base64url');
  return `${body}.${mac(secret, body, b).toString('base64url')}`;
}

/** The request id and expiry a token names (not yet verified: verifyLinkToken does that against the row). */
export function parseLinkToken(token: string): ParsedLinkToken | null {
  const m = /^([A-Za-z0-9_-]{28})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!m) return null;
  const buf = Buffer.from(m[1]!, 'base64url');
  if (buf.length !== BODY_BYTES) return null;
  const hex = buf.subarray(0, 16).toString('hex');
  const requestId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { requestId, expiresAt: new Date(buf.readUIntBE(16, 5) * 1000) };
}

/** Constant-time: the token's MAC is the one its row's binding gives (a missing row compares against a dummy). */
export function verifyLinkToken(
  secret: string,
  token: string,
  row: Pick<LinkBinding, 'platform' | 'externalId' | 'requestedBy'> | null,
): boolean {
  const dot = token.indexOf('.');
  const body = dot < 0 ? token : token.slice(0, dot);
  const given = dot < 0 ? '' : token.slice(dot + 1);
  const expected = mac(secret, body, row ?? { platform: 'discord', externalId: '', requestedBy: '' });
  const decoded = /^[A-Za-z0-9_-]{43}$/.test(given) ? Buffer.from(given, 'base64url') : Buffer.alloc(0);
  const sameLength = decoded.length === MAC_BYTES;
  const equal = timingSafeEqual(expected, sameLength ? decoded : Buffer.alloc(MAC_BYTES));
  return equal && sameLength && row !== null && decoded.toString('base64url') === given;
}

const stateSchema = z.object({ v: z.literal(1), id: z.uuid(), exp: z.number().int() }).strict();

export function signOAuthState(secret: string, requestId: string, expiresAt: Date): string {
  return signPayload(linkingKey(secret, 'whop-oauth-state'), {
    v: 1,
    id: requestId,
    exp: Math.floor(expiresAt.getTime() / 1000),
  });
}

/** The link request id a genuine, unexpired state names; null otherwise. */
export function readOAuthState(secret: string, state: string, now: Date): string | null {
  const parsed = stateSchema.safeParse(verifyPayload(linkingKey(secret, 'whop-oauth-state'), state));
  if (!parsed.success || parsed.data.exp * 1000 <= now.getTime()) return null;
  return parsed.data.id;
}
