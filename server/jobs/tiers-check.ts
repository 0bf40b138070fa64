// billing:tiers-check (nightly) — Pulse's tier memberships read back from Whop: a purchase or lapse whose
// webhook was lost is applied (core/billing/tier-check.ts). Off when no plan or app key is configured.
import { checkTierMemberships, type TierCheckReport } from '../../core/billing/tier-check.ts';
import type { JobContext } from './context.ts';

export async function checkTiers(ctx: JobContext, now: Date = ctx.now()): Promise<TierCheckReport> {
  return checkTierMemberships(ctx.pool, ctx.config, now, (msg) => ctx.log.warn({ job: 'billing:tiers-check' }, msg));
}
