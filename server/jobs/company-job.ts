// One company's sync job: sync from Whop (incremental, or 'full' for the nightly reconcile), then rebuild the
// rollups over the days that can have changed (rollups-refresh.ts; scoring is churn:nightly's). Another sync
// of the company holding its lock is a skip, not a failure; so is a company that uninstalled, is being erased
// or waits for the creator's re-approval. Whop refusing a read for a missing permission marks the latter.
import type { Job } from 'agenda';
import type { Config } from '../../core/config.ts';
import { companyLifecycle } from '../../core/lifecycle/company-state.ts';
import { isPermissionRefusal, markNeedsReapproval, refusalReason } from '../../core/lifecycle/reapproval.ts';
import { findCompany } from '../../core/companies/company.repository.ts';
import { whopApiForCompany } from '../../core/whop/credentials.ts';
import type { Pool } from '../../core/db/queryable.ts';
import { SyncAlreadyRunning, syncCompany } from '../../core/whop/sync.ts';
import type { SyncMode } from '../../core/whop/sync-task.ts';
import type { JobLog } from './log.ts';
import { refreshRollups } from './rollups-refresh.ts';
import type { CompanyJobData } from './names.ts';

export interface CompanyJobContext {
  config: Config;
  pool: Pool;
  log: JobLog;
  /** Aborted when the worker stops and the drain timed out. */
  signal: AbortSignal;
  /** Minimum milliseconds between two lock renewals (job.touch()). */
  touchEveryMs: number;
  /** The clock (the rollups are built as of now). Default: the system clock. */
  now?: () => Date;
}

/** `removed`: uninstalled or erasing; `needs-reapproval`: Whop refused a read until the creator approves again. */
export type CompanyJobOutcome = 'done' | 'skipped' | 'no-company' | 'removed' | 'needs-reapproval';

export function companyIdOf(job: Job<CompanyJobData>): number {
  const id = Number(job.attrs.data?.companyId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error('job data has no valid companyId');
  return id;
}

export async function runCompanyJob(
  ctx: CompanyJobContext,
  job: Job<CompanyJobData>,
  mode: SyncMode,
): Promise<CompanyJobOutcome> {
  return syncAndRefresh(ctx, companyIdOf(job), mode, { name: job.attrs.name, renew: () => job.touch() });
}

export interface SyncAndRefreshOptions {
  /** The job's name, for the log. */
  name: string;
  /** Renews the job's lock (job.touch()). */
  renew?: () => Promise<unknown>;
  /** How long the sync and the rollups took (the benchmark's split). */
  onTimes?(t: { syncMs: number; rollupMs: number }): void;
}

/** The sync job's work for one company (the benchmark calls it as the job does). */
export async function syncAndRefresh(
  ctx: CompanyJobContext,
  companyId: number,
  mode: SyncMode,
  opts: SyncAndRefreshOptions,
): Promise<CompanyJobOutcome> {
  const { name, renew = async () => undefined } = opts;
  const company = await findCompany(ctx.pool, String(companyId));
  if (!company) {
    ctx.log.warn({ job: name, companyId }, 'company no longer exists; nothing to sync');
    return 'no-company';
  }
  let lastTouch = Date.now();
  const touch = () => {
    if (Date.now() - lastTouch < ctx.touchEveryMs) return;
    lastTouch = Date.now();
    renew().catch((err: unknown) =>
      ctx.log.warn({ job: name, companyId, touchFailed: String(err).slice(0, 200) }, 'could not renew the job lock'),
    );
  };
  const state = (await companyLifecycle(ctx.pool, companyId))?.state;
  if (state === 'uninstalled' || state === 'erase-pending' || state === 'needs-reapproval') {
    ctx.log.info({ job: name, companyId, state }, 'company not syncable now; skipped');
    return state === 'needs-reapproval' ? 'needs-reapproval' : 'removed';
  }
  const api = await whopApiForCompany(ctx.pool, ctx.config, company);
  const t0 = performance.now();
  try {
    await syncCompany(ctx.pool, api, company, { mode, signal: ctx.signal, onProgress: touch });
  } catch (err) {
    if (isPermissionRefusal(err)) {
      // Retrying cannot help until the creator approves the permission: stop syncing this company, say why.
      await markNeedsReapproval(ctx.pool, companyId, refusalReason(err), ctx.now?.() ?? new Date());
      ctx.log.warn(
        { job: name, companyId, status: err.status },
        'Whop refused a read: company needs re-approval; syncs stop until then',
      );
      return 'needs-reapproval';
    }
    if (!(err instanceof SyncAlreadyRunning)) throw err;
    ctx.log.info({ job: name, companyId }, 'another sync of this company is running; skipped');
    return 'skipped';
  }
  ctx.signal.throwIfAborted();
  const t1 = performance.now();
  await refreshRollups(ctx.pool, companyId, {
    asOf: ctx.now?.() ?? new Date(),
    mode: mode === 'full' ? 'full' : 'incremental',
    onStep: touch,
  });
  opts.onTimes?.({ syncMs: t1 - t0, rollupMs: performance.now() - t1 });
  return 'done';
}
