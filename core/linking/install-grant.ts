// Install grants: proof, carried through a top-level browser window, that a Whop user administers a company.
// Pulse mints one after checking the admin (dashboard view, link page); the Slack and Discord install flows
// redeem it once to bind the workspace they install into. The token is signed and expires after 15 minutes;
// single use is a row in install_grant_redemptions keyed by the grant id, so a replay finds the row taken.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/queryable.ts';
import { linkingKey, signPayload, verifyPayload } from './signed-token.ts';

export { bindWorkspaceWithProof, type BindWithProofInput, type BindWithProofResult } from './bind-workspace.ts';

export const INSTALL_GRANT_TTL_MS = 15 * 60 * 1000;

export interface InstallGrant {
  companyId: number;
  whopUserId: string;
  /** The link request the grant came from, when it came from a /link page. */
  linkRequestId?: string;
}

const payloadSchema = z
  .object({
    v: z.literal(1),
    id: z.uuid(),
    c: z.number().int().positive(),
    u: z.string().min(1).max(128),
    l: z.uuid().optional(),
    exp: z.number().int(),
  })
  .strict();

export function signInstallGrant(secret: string, grant: InstallGrant, now: Date = new Date()): string {
  if (!Number.isSafeInteger(grant.companyId) || grant.companyId <= 0)
    throw new Error('install grant needs a company id');
  if (!grant.whopUserId) throw new Error('install grant needs a Whop user id');
  const exp = Math.floor((now.getTime() + INSTALL_GRANT_TTL_MS) / 1000);
  const payload: Record<string, unknown> = { v: 1, id: randomUUID(), c: grant.companyId, u: grant.whopUserId, exp };
  if (grant.linkRequestId) payload.l = grant.linkRequestId;
  return signPayload(linkingKey(secret, 'install-grants'), payload);
}

/**
 * The grant when the token is genuine, unexpired and not redeemed before; it is consumed by this call.
 * Null for a forged, malformed, expired or already used token.
 */
export async function redeemInstallGrant(
  db: Queryable,
  secret: string,
  token: string,
  now: Date = new Date(),
): Promise<InstallGrant | null> {
  const parsed = payloadSchema.safeParse(verifyPayload(linkingKey(secret, 'install-grants'), token));
  if (!parsed.success) return null;
  const p = parsed.data;
  const expiresAt = new Date(p.exp * 1000);
  if (expiresAt.getTime() <= now.getTime()) return null;
  // A spent grant's row matters only until the grant itself expires: older rows go as new ones come.
  await db.query(`delete from install_grant_redemptions where expires_at < $1::timestamptz - interval '1 day'`, [now]);
  const { rows } = await db.query(
    `insert into install_grant_redemptions (grant_id, company_id, whop_user_id, expires_at, redeemed_at)
     select $1, id, $3, $4, $5 from companies where id = $2
     on conflict (grant_id) do nothing returning grant_id`,
    [p.id, p.c, p.u, expiresAt, now],
  );
  if (rows.length === 0) return null;
  return p.l ? { companyId: p.c, whopUserId: p.u, linkRequestId: p.l } : { companyId: p.c, whopUserId: p.u };
}

/** Where a grant is presented: Pulse's install endpoints, the grant in the `grant` query parameter. */
export const installGrantPaths = { slack: '/slack/install', discord: '/discord/install' } as const;

export function installUrlWithGrant(
  publicUrl: string,
  platform: keyof typeof installGrantPaths,
  grant: string,
): string {
  return `${publicUrl.replace(/\/+$/, '')}${installGrantPaths[platform]}?grant=${encodeURIComponent(grant)}`;
}
