// The worker role: Agenda on PostgreSQL (agenda_jobs comes from a migration, hence ensureSchema: false) running
// the scheduled Whop sync, the nightly reconcile and the analytics refresh after each.
import { Agenda, type Job } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { runCompanyJob, type CompanyJobContext } from './company-job.ts';
import { errorFields, stderrLog, type JobLog } from './log.ts';
import { RECONCILE_COMPANY, SCHEDULE_COMPANIES, SYNC_COMPANY, SYNC_EVERY, type CompanyJobData } from './names.ts';
import { scheduleCompanies } from './schedule.ts';

export interface WorkerOptions {
  config: Config;
  orm: MikroORM;
  log?: JobLog;
  /** How often to poll for due jobs (notifications wake the worker sooner). Default 5 s. */
  processEvery?: number | string;
  /** Incremental syncs at once in this process. Default 2. */
  syncConcurrency?: number;
  /** Whether to install the repeating companies:schedule job. Default true. */
  schedule?: boolean;
  /** LISTEN/NOTIFY wake-ups between workers. Default true. */
  notifications?: boolean;
  /** How long stop() waits for running jobs before aborting them. Default 30 s. */
  drainTimeoutMs?: number;
}

export interface Worker {
  agenda: Agenda;
  stop(): Promise<void>;
}

const lockLifetime = 10 * 60_000;
const touchEveryMs = 30_000;

export async function startWorker(opts: WorkerOptions): Promise<Worker> {
  const log = opts.log ?? stderrLog;
  const pool = openPool(opts.config.DATABASE_URL, { onError: (err) => log.error({ worker: 'pool', ...errorFields(err) }, 'idle database connection lost') });
  const backend = new PostgresBackend({
    connectionString: opts.config.DATABASE_URL, ensureSchema: false, disableNotifications: opts.notifications === false,
  });
  const syncs = opts.syncConcurrency ?? 2;
  const agenda = new Agenda({
    backend, name: `pulse-worker-${process.pid}`, processEvery: opts.processEvery ?? '5 seconds',
    maxConcurrency: syncs + 2, defaultConcurrency: 1, defaultLockLimit: 1, defaultLockLifetime: lockLifetime,
  });
  const abort = new AbortController();
  const ctx: CompanyJobContext = { config: opts.config, pool, log, signal: abort.signal, touchEveryMs };

  const inFlight = new Set<Promise<unknown>>();
  const companyJob = (mode: 'incremental' | 'full') => async (job: Job<CompanyJobData>) => {
    const started = Date.now();
    const companyId = job.attrs.data?.companyId;
    const run = runCompanyJob(ctx, job, mode);
    inFlight.add(run);
    try {
      const outcome = await run;
      log.info({ job: job.attrs.name, companyId, outcome, ms: Date.now() - started }, 'job finished');
    } catch (err) {
      log.error({ job: job.attrs.name, companyId, ...errorFields(err) }, 'job failed');
      throw err;
    } finally {
      inFlight.delete(run);
    }
  };
  agenda.define<CompanyJobData>(SYNC_COMPANY, companyJob('incremental'), { concurrency: syncs, lockLimit: syncs, lockLifetime });
  agenda.define<CompanyJobData>(RECONCILE_COMPANY, companyJob('full'), { concurrency: 1, lockLimit: 1, lockLifetime });
  agenda.define(SCHEDULE_COMPANIES, async (job: Job) => {
    try {
      const n = await scheduleCompanies(agenda, pool);
      log.info({ job: job.attrs.name, companies: n }, 'companies scheduled');
    } catch (err) {
      log.error({ job: job.attrs.name, ...errorFields(err) }, 'job failed');
      throw err;
    }
  }, { concurrency: 1, lockLimit: 1, lockLifetime: 60_000 });
  agenda.on('error', (err: Error) => log.error({ worker: 'agenda', ...errorFields(err) }, 'agenda error'));

  await agenda.start();
  try {
    // A single repeating job however many workers install it; every() also runs it once right away.
    if (opts.schedule !== false) await agenda.every(SYNC_EVERY, SCHEDULE_COMPANIES);
  } catch (err) {
    await agenda.stop();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => stopping ??= (async () => {
    // Take no new jobs and let running ones finish; past the timeout, abort them (their locks are released
    // when they fail) and close the backend's own pool.
    const drained = await agenda.drain({ timeout: opts.drainTimeoutMs ?? 30_000, closeConnection: false });
    if (drained.running > 0) {
      log.warn({ worker: 'agenda', running: drained.running }, 'jobs still running at stop; aborting them');
      abort.abort(new Error('worker stopping'));
      await Promise.allSettled(inFlight);
      // Let Agenda record the aborted runs (unlocking them) before its pool closes.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await backend.disconnect();
    await pool.end();
  })();
  return { agenda, stop };
}
