// outcomes:label (daily) — for every company, record whether the members of each prediction whose 30-day
// window closed did churn (core/churn closeOutcomes); these labels feed training and "members saved".
import { closeOutcomes } from '../../core/churn/index.ts';
import type { JobContext } from './context.ts';
import { errorFields } from './log.ts';
import { liveCompanySql } from '../../core/lifecycle/company-state.ts';

export async function labelOutcomes(ctx: JobContext, now: Date = ctx.now()): Promise<number> {
  const { rows } = await ctx.pool.query<{ id: string }>(`select c.id from companies c where ${liveCompanySql('c')} order by c.id`);
  let labelled = 0;
  for (const { id } of rows) {
    if (ctx.signal.aborted) break;
    try {
      labelled += await closeOutcomes(ctx.pool, Number(id), now);
    } catch (err) {
      ctx.log.warn({ job: 'outcomes:label', companyId: Number(id), ...errorFields(err) }, 'outcomes not labelled for this company');
    }
  }
  return labelled;
}
