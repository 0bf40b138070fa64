// The worker role: Agenda on PostgreSQL (agenda_jobs comes from a migration, hence ensureSchema: false)
// running the scheduled Whop sync, the nightly reconcile and churn run, the analytics refresh, the digest,
// alert and anomaly scans with their exactly-once delivery ledger, outcome labelling and retention pruning.
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { BotDeps } from '../../bot/deps.ts';
import type { Config } from '../../core/config.ts';
import type { RetryPolicy } from '../../core/delivery/index.ts';
import { openPool } from '../../core/db/pool.ts';
import { buildJobContext, type Deliverers, type JobContext } from './context.ts';
import { defineJobs } from './job-definitions.ts';
import { errorFields, stderrLog, type JobLog } from './log.ts';
import { SCHEDULE_COMPANIES, SYNC_EVERY, type GlobalJob } from './names.ts';
import { installGlobalJobs } from './schedule.ts';

export interface WorkerOptions {
  config: Config;
  log?: JobLog;
  /** How often to poll for due jobs (notifications wake the worker sooner). Default 5 s. */
  processEvery?: number | string;
  /** Incremental syncs at once in this process. Default 2. */
  syncConcurrency?: number;
  /** Which repeating jobs to install: all (true, the default), none (false), or the ones listed. */
  schedule?: boolean | readonly (GlobalJob | typeof SCHEDULE_COMPANIES)[];
  /** LISTEN/NOTIFY wake-ups between workers. Default true. */
  notifications?: boolean;
  /** How long stop() waits for running jobs before aborting them. Default 30 s. */
  drainTimeoutMs?: number;
  /** Posting to Discord and Slack; a platform without one gets no digests or alerts from this worker. */
  deliverers?: Deliverers;
  /** Deps for the digest and alert builders (main.ts passes the app's shared deps); default: on the worker's pool. */
  botDeps?: BotDeps;
  /** The clock of schedules and the ledger. Default: the system clock. */
  now?: () => Date;
  /** A delivery claim's lease, renewed while posting (default 60 s): how soon a dead worker's claim is taken over. */
  deliveryLeaseMs?: number;
  retryPolicy?: RetryPolicy;
  /** Agenda lock lifetime of the delivery scans (default 60 s; see job-definitions.ts). */
  scanLockLifetimeMs?: number;
  /** Intervals of the global jobs (tests shorten them). */
  intervals?: Partial<Record<GlobalJob, string | number>>;
}

export interface Worker {
  agenda: Agenda;
  /** The jobs' context (the scans can be called directly with it). */
  context: JobContext;
  stop(): Promise<void>;
}

const lockLifetime = 10 * 60_000;

export async function startWorker(opts: WorkerOptions): Promise<Worker> {
  const log = opts.log ?? stderrLog;
  // Rollups and model training run long statements: the job limits (core/db/pool.ts), not the request ones.
  const pool = openPool(opts.config.DATABASE_URL, {
    timeouts: 'job',
    onError: (err) => log.error({ worker: 'pool', ...errorFields(err) }, 'idle database connection lost'),
  });
  const backend = new PostgresBackend({
    connectionString: opts.config.DATABASE_URL,
    ensureSchema: false,
    disableNotifications: opts.notifications === false,
  });
  const syncs = opts.syncConcurrency ?? 2;
  const agenda = new Agenda({
    backend,
    name: `pulse-worker-${process.pid}`,
    processEvery: opts.processEvery ?? '5 seconds',
    maxConcurrency: syncs + 8,
    defaultConcurrency: 1,
    defaultLockLimit: 1,
    defaultLockLifetime: lockLifetime,
  });
  const abort = new AbortController();
  const ctx = buildJobContext({
    config: opts.config,
    pool,
    log,
    signal: abort.signal,
    now: opts.now,
    deliverers: opts.deliverers,
    botDeps: opts.botDeps,
    leaseMs: opts.deliveryLeaseMs,
    policy: opts.retryPolicy,
  });
  const inFlight = new Set<Promise<unknown>>();
  defineJobs(agenda, ctx, inFlight, { syncs, scanLockLifetimeMs: opts.scanLockLifetimeMs ?? 60_000 });
  agenda.on('error', (err: Error) => log.error({ worker: 'agenda', ...errorFields(err) }, 'agenda error'));

  await agenda.start();
  try {
    // A single repeating job each however many workers install them; every() also runs an interval job once right away.
    const wanted = (name: GlobalJob | typeof SCHEDULE_COMPANIES) =>
      opts.schedule === undefined ||
      opts.schedule === true ||
      (Array.isArray(opts.schedule) && opts.schedule.includes(name));
    if (wanted(SCHEDULE_COMPANIES)) await agenda.every(SYNC_EVERY, SCHEDULE_COMPANIES);
    await installGlobalJobs(agenda, opts.intervals, wanted);
  } catch (err) {
    await agenda.stop();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Take no new jobs and let running ones finish; past the timeout, abort them (their locks are released
      // when they fail; delivery claims not yet posted are released) and close the backend's own pool.
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
    })());
  return { agenda, context: ctx, stop };
}
