// `/pulse upgrade [tier]`: buy Pro or Enterprise through Whop. Each tier above the company's current one gets a
// checkout link of Pulse's own plan (core/billing/checkout.ts) whose metadata names this company, so the
// purchase sets its tier as soon as Whop reports it. Without configured plans it says how to ask the operator.
import { CheckoutUnavailable, canSell, createCheckoutUrl } from '../../core/billing/checkout.ts';
import { isPaidTier } from '../../core/billing/plans.ts';
import { tierLine, tierNames as names } from '../../core/billing/tier-catalog.ts';
import { answer, type AnswerComponent } from '../answer.ts';
import { commandRef } from '../command-ref.ts';
import { stringOption, tenantOf } from '../parts/context.ts';
import type { Command } from './types.ts';
import { askOperatorText, tiersAbove } from '../parts/upgrade-links.ts';

export const pulseUpgradeCommand: Command = {
  name: 'pulse upgrade',
  description: 'Buy Pro or Enterprise through Whop (a checkout link)',
  options: [
    {
      name: 'tier',
      description: 'Which plan (default: every plan above yours)',
      type: 'string',
      choices: [
        { name: 'Pro', value: 'pro' },
        { name: 'Enterprise', value: 'enterprise' },
      ],
    },
  ],
  access: 'admin',
  answers: 'private',
  slow: true,
  async handle(ctx) {
    const { company } = tenantOf(ctx);
    const asked = stringOption(ctx, 'tier');
    const above = tiersAbove(company.tier);
    const wanted = asked && isPaidTier(asked) ? above.filter((t) => t === asked) : above;
    if (wanted.length === 0) {
      return answer({
        title: 'Nothing to upgrade',
        tone: 'info',
        visibility: 'ephemeral',
        summary: `This company is on **${company.tier}**${asked ? `, which already includes ${asked}` : ', the highest plan'}. See \`${commandRef('help')}\` for what each plan includes.`,
      });
    }
    const sellable = wanted.filter((t) => canSell(ctx.deps.config, t));
    const lines = wanted.map(tierLine);
    if (sellable.length === 0) {
      return answer({
        title: 'Upgrade Pulse',
        tone: 'info',
        visibility: 'ephemeral',
        summary: [...lines, '', askOperatorText].join('\n'),
      });
    }
    const links: AnswerComponent[] = [];
    const problems: string[] = [];
    for (const tier of sellable) {
      try {
        const link = await createCheckoutUrl(ctx.deps.config, {
          pulseCompanyId: company.id,
          whopCompanyId: company.whopCompanyId,
          tier,
        });
        links.push({ type: 'link', url: link.url, label: `Buy ${names[tier]} on Whop` });
      } catch (err) {
        if (!(err instanceof CheckoutUnavailable)) throw err;
        ctx.deps.log.warn({ companyId: company.id, tier, err: err.message }, 'checkout link not created');
        problems.push(`Whop did not give a checkout link for ${names[tier]} just now: try again in a minute.`);
      }
    }
    return answer({
      title: 'Upgrade Pulse',
      tone: links.length ? 'good' : 'warning',
      visibility: 'ephemeral',
      summary: [
        `You are on **${company.tier}**.`,
        ...lines,
        '',
        links.length
          ? 'The plan applies to this company as soon as Whop confirms the payment; if it lapses, Pulse returns to Free and keeps your data.'
          : '',
      ]
        .join('\n')
        .trim(),
      components: links.length ? [links] : [],
      notices: problems,
    });
  },
};
