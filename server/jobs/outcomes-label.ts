// outcomes:label (daily) — for every company, record whether the members of each prediction whose 30-day
// window closed did churn (core/churn closeOutcomes); these labels feed training and "members saved".
import { closeOutcomes } from '../../core/churn/index.ts';
import type { JobContext } from './context.ts';
import { errorFields } from './log.ts';
import { liveCompanyIds } from '../../core/companies/company.repository.ts';

export async function labelOutcomes(ctx: JobContext, now: Date = ctx.now()): Promise<number> {
  const companies = await liveCompanyIds(ctx.pool);
  let labelled = 0;
  for (const id of companies) {
    if (ctx.signal.aborted) break;
    try {
      labelled += await closeOutcomes(ctx.pool, Number(id), now);
    } catch (err) {
      ctx.log.warn(
        { job: 'outcomes:label', companyId: Number(id), ...errorFields(err) },
        'outcomes not labelled for this company',
      );
    }
  }
  return labelled;
}
