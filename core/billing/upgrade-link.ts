// Upgrade links shown with every "upgrade" notice: `<PUBLIC_URL>/upgrade/<token>`, where the token names the
// company, the tier and an expiry, signed with the 'billing/upgrade-links' sub-key of PULSE_SECRET. Nothing is
// asked of Whop until someone clicks (server/routes/upgrade.ts then creates the checkout and redirects), so
// answers stay fast and unused checkouts do not pile up. Only [a-z0-9-] characters: no markup on any platform
// can bend the URL.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hkdfKey } from '../crypto.ts';
import { isPaidTier, type PaidTier } from './plans.ts';

const MAC_HEX = 32;
export const UPGRADE_LINK_DAYS = 30;
const shape = /^(\d{1,15})-(pro|enterprise)-([0-9a-z]{1,10})-([0-9a-f]{32})$/;

function mac(secret: string, body: string): string {
  return createHmac('sha256', hkdfKey(secret, 'billing/upgrade-links'))
    .update(body, 'utf8')
    .digest('hex')
    .slice(0, MAC_HEX);
}

export function signUpgradeToken(secret: string, companyId: number, tier: PaidTier, expiresAt: Date): string {
  const body = `${companyId}-${tier}-${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}-${mac(secret, body)}`;
}

/** The company and tier of a valid, unexpired token; null for anything else. */
export function readUpgradeToken(
  secret: string,
  token: string,
  now: Date,
): { companyId: number; tier: PaidTier } | null {
  const m = shape.exec(token.length <= 80 ? token : '');
  const body = m ? `${m[1]}-${m[2]}-${m[3]}` : 'x';
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from((m?.[4] ?? '').padEnd(MAC_HEX, '0').slice(0, MAC_HEX));
  const ok = timingSafeEqual(expected, given);
  if (!m || !ok || !isPaidTier(m[2]!)) return null;
  if (parseInt(m[3]!, 36) * 1000 <= now.getTime()) return null;
  return { companyId: Number(m[1]), tier: m[2] };
}

export function upgradeUrl(publicUrl: string, secret: string, companyId: number, tier: PaidTier, now: Date): string {
  const expires = new Date(now.getTime() + UPGRADE_LINK_DAYS * 86_400_000);
  return `${publicUrl.replace(/\/+$/, '')}/upgrade/${signUpgradeToken(secret, companyId, tier, expires)}`;
}
