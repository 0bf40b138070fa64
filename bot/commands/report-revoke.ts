// `/report revoke [link] [all]`: stops one report link (chosen from the live links as you type) or every
// live link of the company.
import { BadInput } from '../../core/errors.ts';
import { answer } from '../answer.ts';
import { stringOption, tenantOf } from '../parts/context.ts';
import { formatDate } from '../parts/format.ts';
import { reportsNotConfigured } from '../parts/reports-missing.ts';
import type { Command } from './types.ts';

export const reportRevokeCommand: Command = {
  name: 'report revoke',
  description: 'Stop a report link, or all of them',
  options: [
    { name: 'link', description: 'The link to stop (start typing; or paste it)', type: 'string', autocomplete: true },
    { name: 'all', description: 'Stop every live link', type: 'boolean' },
  ],
  access: 'granted',
  answers: 'private',
  async handle(ctx) {
    const tenant = tenantOf(ctx);
    const reports = ctx.deps.reports;
    if (!reports) return reportsNotConfigured();
    const companyId = tenant.company.id;
    const all = ctx.options.all === true || ctx.options.all === 'true';
    const given = stringOption(ctx, 'link');
    if (all) {
      const n = await reports.revoke({ companyId, all: true });
      return answer({
        title: 'Report links revoked',
        summary: `${n} live link${n === 1 ? '' : 's'} stopped working.`,
        tone: 'good',
        visibility: 'ephemeral',
      });
    }
    if (!given) throw new BadInput('Choose a link to revoke, or set all to true.');
    // The service accepts only this company's links (a link of another company is refused as unknown).
    const n = await reports.revoke({ companyId, tokenId: given });
    return answer({
      title: n ? 'Report link revoked' : 'Nothing to revoke',
      tone: n ? 'good' : 'info',
      visibility: 'ephemeral',
      summary: n ? 'The link stopped working.' : 'That link was already revoked or has expired.',
    });
  },
  async autocomplete(ctx, option, typed) {
    if (option !== 'link' || !ctx.deps.reports) return [];
    const live = await ctx.deps.reports.list(tenantOf(ctx).company.id);
    const q = typed.trim().toLowerCase();
    return live
      .map((l) => ({
        name: `${l.kind} · made by ${l.createdBy} · expires ${formatDate(l.expiresAt.toISOString().slice(0, 10))}`,
        value: l.tokenId,
      }))
      .filter((c) => !q || c.name.toLowerCase().includes(q) || c.value.includes(q));
  },
};
