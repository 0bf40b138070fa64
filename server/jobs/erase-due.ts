// companies:erase-due (hourly) — every company whose erase date has passed loses all its rows, the company row
// last (core/lifecycle/erase-company.ts). One company at a time; a failure is logged and retried next hour.
import { dueErasures } from '../../core/lifecycle/erase-request.ts';
import { eraseCompany } from '../../core/lifecycle/erase-company.ts';
import type { JobContext } from './context.ts';
import { errorFields } from './log.ts';

export interface EraseRun {
  due: number;
  erased: number;
  cancelled: number;
  failed: number;
}

export async function eraseDueCompanies(ctx: JobContext, now: Date = ctx.now()): Promise<EraseRun> {
  const run: EraseRun = { due: 0, erased: 0, cancelled: 0, failed: 0 };
  for (const companyId of await dueErasures(ctx.pool, now)) {
    if (ctx.signal.aborted) break;
    run.due++;
    try {
      const r = await eraseCompany(ctx.pool, companyId, { now });
      const rows = Object.values(r.deleted).reduce((a, b) => a + b, 0);
      if (r.outcome === 'erased') run.erased++;
      else run.cancelled++;
      ctx.log.info({ job: 'companies:erase-due', companyId, outcome: r.outcome, rows }, 'company erase');
    } catch (err) {
      run.failed++;
      ctx.log.error(
        { job: 'companies:erase-due', companyId, ...errorFields(err) },
        'company erase failed; retried next run',
      );
    }
  }
  return run;
}
