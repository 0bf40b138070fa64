// One company's sync job: sync from Whop (incremental, or 'full' for the nightly reconcile), then rebuild the
// rollups and churn scores. Another sync of the company holding its lock is a skip, not a failure.
import type { Job } from 'agenda';
import type { Config } from '../../core/config.ts';
import { refreshCompany } from '../../core/pipeline/refresh.ts';
import { findCompany, whopApiForCompany } from '../../core/whop/credentials.ts';
import type { Pool } from '../../core/whop/db.ts';
import { SyncAlreadyRunning, syncCompany } from '../../core/whop/sync.ts';
import type { SyncMode } from '../../core/whop/sync-task.ts';
import type { JobLog } from './log.ts';
import type { CompanyJobData } from './names.ts';

export interface CompanyJobContext {
  config: Config;
  pool: Pool;
  log: JobLog;
  /** Aborted when the worker stops and the drain timed out. */
  signal: AbortSignal;
  /** Minimum milliseconds between two lock renewals (job.touch()). */
  touchEveryMs: number;
}

export type CompanyJobOutcome = 'done' | 'skipped' | 'no-company';

export function companyIdOf(job: Job<CompanyJobData>): number {
  const id = Number(job.attrs.data?.companyId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error('job data has no valid companyId');
  return id;
}

export async function runCompanyJob(ctx: CompanyJobContext, job: Job<CompanyJobData>, mode: SyncMode): Promise<CompanyJobOutcome> {
  const name = job.attrs.name;
  const companyId = companyIdOf(job);
  const company = await findCompany(ctx.pool, String(companyId));
  if (!company) {
    ctx.log.warn({ job: name, companyId }, 'company no longer exists; nothing to sync');
    return 'no-company';
  }
  let lastTouch = Date.now();
  const touch = () => {
    if (Date.now() - lastTouch < ctx.touchEveryMs) return;
    lastTouch = Date.now();
    job.touch().catch((err: unknown) => ctx.log.warn({ job: name, companyId, touchFailed: String(err).slice(0, 200) }, 'could not renew the job lock'));
  };
  const api = await whopApiForCompany(ctx.pool, ctx.config, company);
  try {
    await syncCompany(ctx.pool, api, company, { mode, signal: ctx.signal, onProgress: touch });
  } catch (err) {
    if (!(err instanceof SyncAlreadyRunning)) throw err;
    ctx.log.info({ job: name, companyId }, 'another sync of this company is running; skipped');
    return 'skipped';
  }
  ctx.signal.throwIfAborted();
  await refreshCompany(ctx.pool, companyId, { asOf: new Date(), onStep: touch });
  return 'done';
}
