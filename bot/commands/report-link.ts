// `/report link [kind] [expires] [member]`: a signed, expiring web report link (deps.reports), shown only to
// the person who asked — anyone holding the link can open the report. `member` (autocompleted over names,
// usernames and Whop user ids) makes a link to that member's profile report.
import { actorRef } from '../../core/tenancy/index.ts';
import { BadInput } from '../../core/errors.ts';
import { answer, data } from '../answer.ts';
import { commandRef } from '../command-ref.ts';
import { stringOption, tenantOf } from '../parts/context.ts';
import { instantLabel } from '../parts/format.ts';
import { truncate } from '../../charts/index.ts';
import { memberOf, searchMembers, type MemberRef } from '../../core/members/member-search.repository.ts';
import type { BotDeps } from '../deps.ts';
import { reportsNotConfigured } from '../parts/reports-missing.ts';
import type { Command } from './types.ts';

export const reportKinds = ['overview', 'revenue', 'engagement', 'churn', 'content'] as const;

export const reportLinkCommand: Command = {
  name: 'report link',
  description: 'A private web report link that expires',
  options: [
    {
      name: 'kind',
      description: 'Which report (default: overview)',
      type: 'string',
      choices: reportKinds.map((k) => ({ name: k, value: k })),
    },
    {
      name: 'expires',
      description: 'Days until the link stops working (1-90, default 7)',
      type: 'integer',
      min: 1,
      max: 90,
    },
    {
      name: 'member',
      description: "One member's profile report (start typing a name)",
      type: 'string',
      autocomplete: true,
    },
  ],
  access: 'granted',
  answers: 'private',
  async handle(ctx) {
    const tenant = tenantOf(ctx);
    const member = await memberNamed(ctx.deps, tenant.company.id, stringOption(ctx, 'member'));
    const kind = member ? 'member' : (stringOption(ctx, 'kind') ?? 'overview');
    if (!member && !(reportKinds as readonly string[]).includes(kind))
      throw new BadInput(`kind must be one of ${reportKinds.join(', ')}, or name a member`);
    const expires = ctx.options.expires === undefined ? 7 : Number(ctx.options.expires);
    if (!Number.isInteger(expires) || expires < 1 || expires > 90)
      throw new BadInput('expires must be a whole number of days from 1 to 90');
    if (!ctx.deps.reports) return reportsNotConfigured();
    const link = await ctx.deps.reports.create({
      companyId: tenant.company.id,
      kind,
      createdBy: actorRef(ctx.actor),
      expiresInDays: expires,
      ...(member ? { params: { memberId: member.id } } : {}),
    });
    const what = member ? `${data(label(member))}'s profile` : `the ${kind}`;
    return answer({
      title: member ? `Profile report link: ${data(label(member))}` : `Your ${kind} report link`,
      memberLevel: member !== null,
      summary: `Anyone with this link can see ${what} report until ${instantLabel(link.expiresAt, tenant.company.timeZone)}. Revoke it any time with \`${commandRef('report revoke')}\`.`,
      tone: 'info',
      visibility: 'ephemeral',
      components: [[{ type: 'link', url: link.url, label: 'Open the report' }]],
      fields: [{ label: 'Link', value: link.url }],
    });
  },
  async autocomplete(ctx, option, typed) {
    if (option !== 'member') return [];
    const found = await searchMembers(ctx.deps.db, tenantOf(ctx).company.id, typed);
    return found.map((m) => ({ name: truncate(`${label(m)} (${m.whopUserId})`, 100), value: String(m.id) }));
  },
};

const label = (m: MemberRef) => m.name ?? m.username ?? m.whopUserId;

/** The member an option names: Discord's autocomplete sends the id; Slack sends what was typed (best match). */
async function memberNamed(deps: BotDeps, companyId: number, typed: string | undefined): Promise<MemberRef | null> {
  if (typed === undefined || typed.trim() === '') return null;
  // A number is an id from Discord's suggestions: this company's member or nobody (never a fuzzy match).
  const [best] = /^\d{1,15}$/.test(typed)
    ? [await memberOf(deps.db, companyId, Number(typed))]
    : await searchMembers(deps.db, companyId, typed, 1);
  if (!best) throw new BadInput(`No member here matches "${truncate(typed, 60)}".`);
  return best;
}
