// The nightly check of Pulse's tier memberships against Whop, for webhooks that never arrived: every live
// membership of Pulse's plans grants its tier to the company its metadata names (the highest, when a company
// holds two), and every company whose tier comes from a membership has that membership read back one by one, so
// a lapse is applied from the membership's own status, never from its absence in a list (a list can come back
// empty for reasons that are not "no members").
import type { Membership } from '@whop/sdk/resources/shared';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/queryable.ts';
import { createWhopClient } from '../whop/client.ts';
import { configuredPlans, tierOfPlan } from './plans.ts';
import { applyTierMembership, isLiveMembership } from './tier-membership.ts';

export type TierCheckConfig = Pick<
  Config,
  'WHOP_API_KEY' | 'WHOP_API_BASE_URL' | 'PULSE_PLAN_PRO' | 'PULSE_PLAN_ENTERPRISE'
>;

export interface TierCheckReport {
  memberships: number;
  changed: number;
  confirmed: number;
  failed: number;
  skipped?: string;
}

type TierMembership = Pick<Membership, 'id' | 'status' | 'metadata'> & { plan: { id: string } };

/** Runs the check as of `now`; `log` hears about memberships that could not be read. */
export async function checkTierMemberships(
  db: Queryable,
  config: TierCheckConfig,
  now: Date,
  log?: (msg: string) => void,
): Promise<TierCheckReport> {
  const plans = configuredPlans(config);
  const report: TierCheckReport = { memberships: 0, changed: 0, confirmed: 0, failed: 0 };
  if (plans.length === 0 || !config.WHOP_API_KEY)
    return { ...report, skipped: 'no Pulse plans or WHOP_API_KEY configured' };
  const whop = createWhopClient({ apiKey: config.WHOP_API_KEY, baseURL: config.WHOP_API_BASE_URL, timeoutMs: 20_000 });

  // Live memberships of each plan's company, the best one per company first.
  const owners = new Set<string>();
  for (const planId of plans) {
    const plan = await whop.plans.retrieve(planId);
    const owner =
      (plan.account as { id?: unknown } | null)?.id ?? (plan as unknown as { company?: { id?: unknown } }).company?.id;
    if (typeof owner === 'string') owners.add(owner);
  }
  const live: TierMembership[] = [];
  for (const owner of owners) {
    for await (const m of whop.memberships.list({
      company_id: owner,
      plan_ids: plans,
      statuses: ['trialing', 'active', 'past_due', 'canceling'],
      first: 100,
    })) {
      report.memberships++;
      if (isLiveMembership(m.status)) live.push(m);
    }
  }
  const rank = (m: TierMembership) => (tierOfPlan(config, m.plan.id) === 'enterprise' ? 2 : 1);
  live.sort((a, b) => rank(a) - rank(b)); // applied in order: the highest tier is applied last and stays
  for (const m of live) {
    const tier = tierOfPlan(config, m.plan.id)!;
    const change = await applyTierMembership(db, m, tier, now);
    if (change.companyId === null) continue;
    if (change.changed) report.changed++;
    else report.confirmed++;
  }

  // Companies whose tier membership was not among the live ones: read it back and apply what it says.
  const { rows } = await db.query<{ id: string; tier_membership_id: string }>(
    'select id, tier_membership_id from companies where tier_membership_id is not null order by id',
  );
  for (const row of rows) {
    if (live.some((m) => m.id === row.tier_membership_id)) continue;
    try {
      const m = await whop.memberships.retrieve(row.tier_membership_id);
      const tier = tierOfPlan(config, m.plan.id);
      if (!tier) continue;
      const change = await applyTierMembership(db, m, tier, now);
      if (change.changed) report.changed++;
      else report.confirmed++;
    } catch (err) {
      report.failed++;
      log?.(
        `tier membership ${row.tier_membership_id} of company ${row.id} not read: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`,
      );
    }
  }
  return report;
}
