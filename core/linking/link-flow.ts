// The shared pieces of the link page's steps: what they depend on, why one refuses, opening a link token
// against its row (genuine, unexpired, unused, bound to the same workspace and person), and the browser
// binding (sign-in must finish in the browser that started it, so a Whop consent URL sent to somebody
// else cannot bind the sender's workspace to the victim's company).
import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/queryable.ts';
import { findLinkRequest, type LinkRequestRow } from './link-requests.repository.ts';
import { parseLinkToken, signLinkToken, verifyLinkToken } from './link-token.ts';

export interface LinkFlowDeps {
  db: Queryable;
  config: Pick<
    Config,
    | 'PULSE_SECRET'
    | 'PUBLIC_URL'
    | 'WHOP_OAUTH_BASE_URL'
    | 'WHOP_CLIENT_ID'
    | 'WHOP_CLIENT_SECRET'
    | 'WHOP_API_KEY'
    | 'WHOP_API_BASE_URL'
    | 'WHOP_APP_ID'
  >;
  now: () => Date;
}

export type LinkRefusal =
  | 'invalid'
  | 'expired'
  | 'used'
  | 'other-browser'
  | 'sign-in-denied'
  | 'sign-in-failed'
  | 'not-signed-in'
  | 'bad-company'
  | 'not-installed'
  | 'not-admin'
  | 'linked-elsewhere'
  | 'whop-unavailable'
  | 'not-configured';

export type Refused = { ok: false; refusal: LinkRefusal };
export const refuse = (refusal: LinkRefusal): Refused => ({ ok: false, refusal });

export interface OpenedLink {
  ok: true;
  token: string;
  request: LinkRequestRow;
}

/** SHA-256 (hex) of the browser-binding cookie: the row keeps only this. */
export function browserHash(browserId: string): string {
  return createHash('sha256').update(browserId, 'utf8').digest('hex');
}

/** The link token of a row (deterministic: the same fields sign to the same token). */
export function tokenOfRequest(secret: string, r: LinkRequestRow): string {
  return signLinkToken(secret, {
    requestId: r.id,
    platform: r.platform,
    externalId: r.externalId,
    requestedBy: r.requestedBy,
    expiresAt: r.expiresAt,
  });
}

const NO_REQUEST = '00000000-0000-0000-0000-000000000000';

export async function openLink(deps: LinkFlowDeps, token: string): Promise<OpenedLink | Refused> {
  const now = deps.now();
  const parsed = parseLinkToken(token);
  // The row is read for every token, so a malformed one takes the same path as a forged one.
  const row = await findLinkRequest(deps.db, parsed?.requestId ?? NO_REQUEST);
  if (!parsed || !verifyLinkToken(deps.config.PULSE_SECRET, token, row) || !row) return refuse('invalid');
  if (row.usedAt) return refuse('used');
  if (parsed.expiresAt.getTime() <= now.getTime() || row.expiresAt.getTime() <= now.getTime()) return refuse('expired');
  return { ok: true, token, request: row };
}
