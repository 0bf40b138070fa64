// Every job the worker runs, defined on its Agenda: each run is logged (name, company id, outcome or error
// name and message, duration — never job data or credentials), tracked so stop() can wait for it, and keeps
// its Agenda lock alive with a heartbeat (job.touch() every third of the lock lifetime): Agenda cancels a job
// that outlives its lock, and a worker that dies stops beating, so its lock runs out and another worker
// takes over. The heartbeat stops after ten lock lifetimes (at least 10 minutes), so a run that hangs does
// not hold a single job (the digest scan) away from every other worker for ever. After a company's nightly
// scoring its churn alert scan is queued; after its first finished sync, its first answers are made.
import type { Agenda, Job } from 'agenda';
import { isCompanyRemoved } from '../../core/lifecycle/company-state.ts';
import { runCompanyJob, companyIdOf } from './company-job.ts';
import { scanAnomalies } from './anomalies-scan.ts';
import { scanCompanyChurnAlerts } from './churn-alert-scan.ts';
import { runNightlyChurn } from './churn-nightly.ts';
import type { JobContext } from './context.ts';
import { retryDeliveries } from './deliveries-retry.ts';
import { scanDigests } from './digests-scan.ts';
import { runPaymentRescue } from './payment-rescue-scan.ts';
import { errorFields } from './log.ts';
import { firstAnswers } from './first-answers.ts';
import {
  ANOMALIES_SCAN,
  PAYMENTS_RESCUE,
  CHURN_ALERT_SCAN,
  CHURN_NIGHTLY,
  DELIVERIES_RETRY,
  DIGESTS_SCAN,
  ERASE_DUE,
  OUTCOMES_LABEL,
  RECONCILE_COMPANY,
  RETENTION_PRUNE,
  ACTIVITY_STORAGE,
  SCHEDULE_COMPANIES,
  SYNC_COMPANY,
  TIERS_CHECK,
  DISCORD_GUILDS_RECONCILE,
  type CompanyJobData,
} from './names.ts';
import { reconcileDiscordServers } from './discord-guilds-reconcile.ts';
import { labelOutcomes } from './outcomes-label.ts';
import { pruneRetention } from './retention-prune.ts';
import { upkeepActivityStorage } from '../../core/retention/activity-retention.ts';
import { eraseDueCompanies } from './erase-due.ts';
import { checkTiers } from './tiers-check.ts';
import { enqueueCompanyJob, scheduleCompanies } from './schedule.ts';

const longLock = 10 * 60_000;

export interface JobLimits {
  /** Incremental syncs at once in this process. */
  syncs: number;
  /**
   * Agenda lock lifetime of the delivery and alert scans. Short on purpose: the ledger, not this lock, keeps
   * a post from going out twice, so a second scan running alongside is harmless, while a worker killed
   * mid-scan would otherwise block everyone's scans until its lock expired.
   */
  scanLockLifetimeMs: number;
}

type Work<D> = (job: Job<D>) => Promise<Record<string, unknown>>;

export function defineJobs(agenda: Agenda, ctx: JobContext, inFlight: Set<Promise<unknown>>, limits: JobLimits): void {
  const run =
    <D>(work: Work<D>, lock: number) =>
    async (job: Job<D>) => {
      const started = Date.now();
      const companyId = (job.attrs.data as Partial<CompanyJobData> | undefined)?.companyId;
      const ids = companyId === undefined ? {} : { companyId };
      const beatUntil = started + Math.max(10 * lock, longLock);
      const heartbeat = setInterval(
        () => {
          if (Date.now() > beatUntil) return clearInterval(heartbeat);
          job
            .touch()
            .catch((err: unknown) =>
              ctx.log.warn({ job: job.attrs.name, ...ids, ...errorFields(err) }, 'could not renew the job lock'),
            );
        },
        Math.max(100, Math.floor(lock / 3)),
      );
      const running = work(job);
      inFlight.add(running);
      try {
        const fields = await running;
        ctx.log.info({ job: job.attrs.name, ...ids, ...fields, ms: Date.now() - started }, 'job finished');
      } catch (err) {
        ctx.log.error({ job: job.attrs.name, ...ids, ...errorFields(err) }, 'job failed');
        throw err;
      } finally {
        clearInterval(heartbeat);
        inFlight.delete(running);
      }
    };
  const define = <D>(name: string, work: Work<D>, o: { concurrency: number; lock: number }) =>
    agenda.define<D>(name, run(work, o.lock), {
      concurrency: o.concurrency,
      lockLimit: o.concurrency,
      lockLifetime: o.lock,
    });
  const scan = { concurrency: 1, lock: limits.scanLockLifetimeMs };
  const once = { concurrency: 1, lock: longLock };

  // A company's first finished sync is followed at once by its first scores and "Pulse is ready" (first-answers.ts).
  const syncThenFirstAnswers = (mode: 'incremental' | 'full') => async (job: Job<CompanyJobData>) => {
    const outcome = await runCompanyJob(ctx, job, mode);
    const first = outcome === 'done' ? await firstAnswers(ctx, companyIdOf(job)) : null;
    return {
      outcome,
      ...(first ? { firstScored: first.scored, firstScoredWith: first.source, readyPosts: first.claimed } : {}),
    };
  };
  define<CompanyJobData>(SYNC_COMPANY, syncThenFirstAnswers('incremental'), {
    concurrency: limits.syncs,
    lock: longLock,
  });
  define<CompanyJobData>(RECONCILE_COMPANY, syncThenFirstAnswers('full'), once);
  define<CompanyJobData>(
    CHURN_NIGHTLY,
    async (job) => {
      const companyId = companyIdOf(job);
      if (await isCompanyRemoved(ctx.pool, companyId)) return { outcome: 'removed' };
      const nightly = await runNightlyChurn(ctx, companyId);
      await enqueueCompanyJob(agenda, CHURN_ALERT_SCAN, companyId);
      return { ...nightly };
    },
    once,
  );
  define<CompanyJobData>(
    CHURN_ALERT_SCAN,
    async (job) => {
      if (await isCompanyRemoved(ctx.pool, companyIdOf(job))) return { outcome: 'removed' };
      const s = await scanCompanyChurnAlerts(ctx, companyIdOf(job));
      return { opened: s.opened.length, closed: s.closed, posts: s.claimed.length };
    },
    { concurrency: 2, lock: limits.scanLockLifetimeMs },
  );

  define(SCHEDULE_COMPANIES, async () => ({ companies: await scheduleCompanies(agenda, ctx.pool) }), {
    concurrency: 1,
    lock: 60_000,
  });
  define(
    DIGESTS_SCAN,
    async () => {
      const s = await scanDigests(ctx);
      return { due: s.due, claimed: s.claimed.length, posted: s.outcomes.filter((o) => o.status === 'posted').length };
    },
    scan,
  );
  define(
    DELIVERIES_RETRY,
    async () => {
      const outcomes = await retryDeliveries(ctx);
      return { retried: outcomes.length, posted: outcomes.filter((o) => o.status === 'posted').length };
    },
    scan,
  );
  define(
    ANOMALIES_SCAN,
    async () => {
      const s = await scanAnomalies(ctx);
      return { checked: s.checked, anomalies: s.anomalies, posts: s.outcomes.length };
    },
    scan,
  );
  define(
    PAYMENTS_RESCUE,
    async () => {
      const r = await runPaymentRescue(ctx);
      return { companies: r.companies, changes: r.changes.length, posts: r.outcomes.length, edited: r.edited };
    },
    scan,
  );
  define(OUTCOMES_LABEL, async () => ({ labelled: await labelOutcomes(ctx) }), once);
  define(RETENTION_PRUNE, async () => ({ ...(await pruneRetention(ctx)) }), once);
  define(
    ACTIVITY_STORAGE,
    async () => {
      const r = await upkeepActivityStorage(ctx.pool, ctx.now(), { signal: ctx.signal });
      return {
        created: r.created.length,
        dropped: r.dropped.length,
        kept: r.kept.length,
        deletedEvents: Object.values(r.deleted).reduce((a, b) => a + b, 0),
        locked: r.locked,
      };
    },
    once,
  );
  define(ERASE_DUE, async () => ({ ...(await eraseDueCompanies(ctx)) }), once);
  define(TIERS_CHECK, async () => ({ ...(await checkTiers(ctx)) }), once);
  define(DISCORD_GUILDS_RECONCILE, async () => reconcileDiscordServers(ctx), once);
}
