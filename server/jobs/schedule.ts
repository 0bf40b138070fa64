// companies:schedule — every SYNC_EVERY, one pending incremental sync per company (unique on the company id,
// so ticks do not pile jobs up: an existing row is re-queued for now), and one nightly reconcile and one
// nightly churn run per company (repeating jobs created once: insertOnly leaves an existing one and its next
// run alone). Also: queueing one company's job now, and installing the repeating global jobs.
import type { Agenda } from 'agenda';
import { scheduledCompanies } from '../../core/companies/company.repository.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import {
  CHURN_NIGHTLY,
  CHURN_NIGHTLY_CRON,
  GLOBAL_SCHEDULE,
  RECONCILE_COMPANY,
  RECONCILE_CRON,
  SYNC_COMPANY,
  type CompanyJobData,
  type GlobalJob,
} from './names.ts';

/** Queue a job of one company now, unless one is already pending (it is then moved to now). */
export async function enqueueCompanyJob(agenda: Agenda, name: string, companyId: number): Promise<void> {
  await agenda
    .create<CompanyJobData>(name, { companyId })
    .unique({ 'data.companyId': companyId })
    .schedule(new Date())
    .save();
}

/** Queue an incremental sync of one company now, unless one is already pending (it is then moved to now). */
export async function enqueueSync(agenda: Agenda, companyId: number): Promise<void> {
  await enqueueCompanyJob(agenda, SYNC_COMPANY, companyId);
}

async function ensureNightly(agenda: Agenda, name: string, cron: string, companyId: number): Promise<void> {
  await agenda
    .create<CompanyJobData>(name, { companyId })
    .repeatEvery(cron, { timezone: 'UTC', skipImmediate: true })
    .unique({ 'data.companyId': companyId }, { insertOnly: true })
    .save();
}

/** Make sure the company has its nightly reconcile (created once; later calls change nothing). */
export async function ensureNightlyReconcile(agenda: Agenda, companyId: number): Promise<void> {
  await ensureNightly(agenda, RECONCILE_COMPANY, RECONCILE_CRON, companyId);
}

/** Make sure the company has its nightly churn run (created once). */
export async function ensureNightlyChurn(agenda: Agenda, companyId: number): Promise<void> {
  await ensureNightly(agenda, CHURN_NIGHTLY, CHURN_NIGHTLY_CRON, companyId);
}

/** One scheduling tick over every company; returns how many companies it covered. */
export async function scheduleCompanies(agenda: Agenda, db: Queryable): Promise<number> {
  // Uninstalled and erasing companies get nothing; one waiting for re-approval is scored but not synced.
  const companies = await scheduledCompanies(db);
  for (const { id, syncable } of companies) {
    if (syncable) {
      await enqueueSync(agenda, Number(id));
      await ensureNightlyReconcile(agenda, Number(id));
    }
    await ensureNightlyChurn(agenda, Number(id));
  }
  return companies.length;
}

/** Installs the repeating global jobs (one row each however many workers do it); intervals may be overridden. */
export async function installGlobalJobs(
  agenda: Agenda,
  overrides: Partial<Record<GlobalJob, string | number>> = {},
  wanted: (name: GlobalJob) => boolean = () => true,
): Promise<void> {
  for (const name of (Object.keys(GLOBAL_SCHEDULE) as GlobalJob[]).filter(wanted)) {
    const every = overrides[name] ?? GLOBAL_SCHEDULE[name];
    const cron = typeof every === 'string' && every.split(' ').length === 5;
    await agenda.every(every, name, undefined, cron ? { timezone: 'UTC', skipImmediate: true } : {});
  }
}
