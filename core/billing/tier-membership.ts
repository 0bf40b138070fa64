// A membership of one of Pulse's plans sets the tier of the company named in its metadata (copied from the
// checkout Pulse created): live (trialing, active, past due, canceling at period end) grants the plan's tier,
// anything else returns the company to Free, but only if that membership was the one granting its tier (a
// lapse of an old membership does not undo a newer purchase). Changes older than the last one applied are
// ignored (webhooks can arrive out of order). A lapse deletes nothing: the tier limits decide what is shown.
import type { Membership } from '@whop/sdk/resources/shared';
import type { Queryable } from '../db/queryable.ts';
import type { CompanyTier } from '../tiers/tier-limits.ts';
import type { PaidTier } from './plans.ts';

const liveStatuses = new Set(['trialing', 'active', 'past_due', 'canceling']);

export function isLiveMembership(status: string | null | undefined): boolean {
  return liveStatuses.has(status ?? '');
}

export interface TierChange {
  companyId: number | null;
  /** The company's tier after this membership, when it changed (or was confirmed). */
  tier?: CompanyTier;
  changed: boolean;
  reason: string;
}

interface Meta {
  pulse_company_id?: unknown;
  whop_company_id?: unknown;
}

/** The company a membership names: its checkout metadata, else the company it already grants a tier to. */
async function companyOf(
  db: Queryable,
  m: Pick<Membership, 'id' | 'metadata'>,
): Promise<{ id: number | null; reason: string }> {
  const meta = (m.metadata ?? {}) as Meta;
  const pulseId =
    typeof meta.pulse_company_id === 'string' || typeof meta.pulse_company_id === 'number'
      ? String(meta.pulse_company_id)
      : '';
  if (/^\d{1,15}$/.test(pulseId)) {
    const { rows } = await db.query<{ id: string; whop_company_id: string }>(
      'select id, whop_company_id from companies where id = $1',
      [pulseId],
    );
    const row = rows[0];
    if (!row) return { id: null, reason: `membership ${m.id} names company ${pulseId}, which Pulse does not have` };
    if (typeof meta.whop_company_id === 'string' && meta.whop_company_id !== row.whop_company_id) {
      return { id: null, reason: `membership ${m.id} names company ${pulseId} with another Whop id` };
    }
    return { id: Number(row.id), reason: 'metadata' };
  }
  const { rows } = await db.query<{ id: string }>('select id from companies where tier_membership_id = $1', [m.id]);
  return rows[0]
    ? { id: Number(rows[0].id), reason: 'tier membership' }
    : { id: null, reason: `membership ${m.id} names no Pulse company` };
}

/** Applies one membership of a Pulse plan (webhook or nightly check) as of `at`. */
export async function applyTierMembership(
  db: Queryable,
  m: Pick<Membership, 'id' | 'status' | 'metadata'>,
  tier: PaidTier,
  at: Date,
): Promise<TierChange> {
  const company = await companyOf(db, m);
  if (company.id === null) return { companyId: null, changed: false, reason: company.reason };
  const fresh = '(tier_checked_at is null or tier_checked_at <= $3)';
  const { rows } = isLiveMembership(m.status)
    ? await db.query<{ tier: CompanyTier; before: CompanyTier }>(
        `update companies c set tier = $4, tier_membership_id = $2, tier_checked_at = $3, updated_at = now()
       from (select tier from companies where id = $1) b
       where c.id = $1 and ${fresh} returning c.tier, b.tier as before`,
        [company.id, m.id, at, tier],
      )
    : await db.query<{ tier: CompanyTier; before: CompanyTier }>(
        `update companies c set tier = 'free', tier_membership_id = null, tier_checked_at = $3, updated_at = now()
       from (select tier from companies where id = $1) b
       where c.id = $1 and c.tier_membership_id = $2 and ${fresh} returning c.tier, b.tier as before`,
        [company.id, m.id, at],
      );
  const r = rows[0];
  if (!r)
    return {
      companyId: company.id,
      changed: false,
      reason: isLiveMembership(m.status)
        ? 'older than the tier already applied'
        : 'not the membership granting the tier',
    };
  return {
    companyId: company.id,
    tier: r.tier,
    changed: r.tier !== r.before,
    reason: `membership ${m.id} is ${m.status}`,
  };
}
