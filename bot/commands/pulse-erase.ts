// `/pulse erase [confirm]`: an admin asks Pulse to forget this company. Without the company's exact name in
// `confirm` it only explains what will happen; with it, posting and syncing stop at once, this workspace's
// link and every report link stop working, and after the grace period (ERASE_GRACE_DAYS) every row of the
// company is deleted (core/lifecycle). Until then the operator can cancel it (`pulse company erase --cancel`).
import { requestErase } from '../../core/lifecycle/erase-request.ts';
import { answer, data } from '../answer.ts';
import { stringOption, tenantOf } from '../parts/context.ts';
import { formatDate } from '../parts/format.ts';
import type { Command } from './types.ts';

const normalized = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export const pulseEraseCommand: Command = {
  name: 'pulse erase',
  description: 'Delete everything Pulse holds about this company (asks for its name to confirm)',
  options: [{ name: 'confirm', description: 'The Whop company name, exactly, to confirm', type: 'string' }],
  access: 'admin',
  answers: 'private',
  async handle(ctx) {
    const { company } = tenantOf(ctx);
    const days = ctx.deps.config.ERASE_GRACE_DAYS;
    const typed = stringOption(ctx, 'confirm');
    const how =
      ctx.actor.platform === 'slack' ? '`/pulse erase <company name>`' : '`/pulse erase confirm:<company name>`';
    const effects = [
      "Pulse stops posting digests and alerts and stops syncing from Whop **at once**; this workspace's link and every report link stop working.",
      `After ${days} day${days === 1 ? '' : 's'}, every row Pulse holds about this company is deleted: members, payments, activity, predictions, feedback, settings and the stored Whop key.`,
    ];
    if (!typed || normalized(typed) !== normalized(company.name)) {
      return answer({
        title: 'Erase this company from Pulse?',
        tone: 'warning',
        visibility: 'ephemeral',
        summary: [
          ...(typed ? ["That is not this company's name, so nothing was changed.", ''] : []),
          ...effects,
          '',
          `To confirm, run ${how} with the name exactly as Whop shows it: **${data(company.name)}**`,
        ].join('\n'),
      });
    }
    const at = await requestErase(ctx.deps.db, company.id, { now: ctx.deps.now(), graceDays: days });
    ctx.deps.log.warn(
      { companyId: company.id, eraseAfter: at?.toISOString(), by: ctx.actor.userId },
      'company erase requested in chat',
    );
    const day = at ? formatDate(at.toISOString().slice(0, 10)) : 'soon';
    return answer({
      title: 'Erase scheduled',
      tone: 'good',
      visibility: 'ephemeral',
      summary: [
        ...effects,
        '',
        `The rows are deleted on ${day}. To keep them, ask the Pulse operator to cancel it before then.`,
      ].join('\n'),
    });
  },
};
