// `/report link [kind] [expires]`: a signed, expiring web report link (deps.reports), shown only to the
// person who asked — anyone holding the link can open the report.
import { actorRef } from '../../core/tenancy/index.ts';
import { BadInput } from '../../core/errors.ts';
import { answer } from '../answer.ts';
import { stringOption, tenantOf } from './context.ts';
import { instantLabel } from './format.ts';
import { reportsNotConfigured } from './reports-missing.ts';
import type { Command } from './types.ts';

export const reportKinds = ['overview', 'revenue', 'engagement', 'churn', 'content'] as const;

export const reportLinkCommand: Command = {
  name: 'report link',
  description: 'A private web report link that expires',
  options: [
    { name: 'kind', description: 'Which report (default: overview)', type: 'string', choices: reportKinds.map((k) => ({ name: k, value: k })) },
    { name: 'expires', description: 'Days until the link stops working (1-90, default 7)', type: 'integer', min: 1, max: 90 },
  ],
  access: 'granted',
  answers: 'private',
  async handle(ctx) {
    const tenant = tenantOf(ctx);
    const kind = stringOption(ctx, 'kind') ?? 'overview';
    if (!(reportKinds as readonly string[]).includes(kind)) throw new BadInput(`kind must be one of ${reportKinds.join(', ')}`);
    const expires = ctx.options.expires === undefined ? 7 : Number(ctx.options.expires);
    if (!Number.isInteger(expires) || expires < 1 || expires > 90) throw new BadInput('expires must be a whole number of days from 1 to 90');
    if (!ctx.deps.reports) return reportsNotConfigured();
    const link = await ctx.deps.reports.create({ companyId: tenant.company.id, kind, createdBy: actorRef(ctx.actor), expiresInDays: expires });
    return answer({
      title: `Your ${kind} report link`,
      summary: `Anyone with this link can see the ${kind} report until ${instantLabel(link.expiresAt, tenant.company.timeZone)}. Revoke it any time with \`/report revoke\`.`,
      tone: 'info', visibility: 'ephemeral',
      components: [[{ type: 'link', url: link.url, label: 'Open the report' }]],
      fields: [{ label: 'Link', value: link.url }],
    });
  },
};
