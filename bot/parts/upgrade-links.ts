// Every answer carrying an "upgrade" notice (a tier limit hit: history, member lists, coach questions) gets
// the way to upgrade: a link button per tier above the company's (Pulse's /upgrade page, which opens Whop's
// checkout), or, when Pulse's plans are not configured, a note saying how to ask the operator.
import { canSell } from '../../core/billing/checkout.ts';
import { paidTiers, type PaidTier } from '../../core/billing/plans.ts';
import { tierLine, tierNames } from '../../core/billing/tier-catalog.ts';
import { upgradeUrl } from '../../core/billing/upgrade-link.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import type { Answer, AnswerComponent } from '../answer.ts';
import type { BotDeps } from '../deps.ts';

const rank = { free: 0, pro: 1, enterprise: 2 } as const;

/** How to get a plan when it cannot be bought here. */
export const askOperatorText =
  'Plans cannot be bought from here yet: ask whoever runs Pulse for you to change your plan (`pulse company tier`).';

/** The tiers above the company's that it could move to. */
export function tiersAbove(tier: Tenant['company']['tier']): PaidTier[] {
  return paidTiers.filter((t) => rank[t] > rank[tier]);
}

export function mentionsUpgrade(a: Pick<Answer, 'notices'>): boolean {
  return a.notices.some((n) => /\bupgrad/i.test(n));
}

/** The answer with upgrade links added when one of its notices mentions upgrading. */
export function withUpgradeLinks(deps: Pick<BotDeps, 'config' | 'now'>, tenant: Tenant | null, a: Answer): Answer {
  if (!tenant || !mentionsUpgrade(a)) return a;
  const tiers = tiersAbove(tenant.company.tier);
  if (tiers.length === 0) return a;
  const sellable = tiers.filter((t) => canSell(deps.config, t));
  if (sellable.length === 0) return { ...a, notices: [...a.notices, askOperatorText] };
  const links = sellable.map((t) => ({
    tier: tierNames[t],
    url: upgradeUrl(deps.config.PUBLIC_URL, deps.config.PULSE_SECRET, tenant.company.id, t, deps.now()),
  }));
  // Five rows of components is the most either platform shows: then the links go in the notice itself.
  if (a.components.length >= 5)
    return { ...a, notices: [...a.notices, links.map((l) => `Upgrade to ${l.tier}: ${l.url}`).join('\n')] };
  const row: AnswerComponent[] = links.map((l) => ({ type: 'link', label: `Upgrade to ${l.tier}`, url: l.url }));
  return { ...a, components: [...a.components, row] };
}

/** For /help: what each plan includes, and how to buy one. */
export function tiersSummary(): string {
  const tiers = (['free', 'pro', 'enterprise'] as const).map(tierLine).join('\n');
  return `${tiers}\nTotals always cover every member; only member lists and history are limited. Buy a plan with \`/pulse upgrade\`.`;
}
