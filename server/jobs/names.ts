// Job names and data shared by the worker, the scheduler and whoever enqueues (CLI, tests).
export const SYNC_COMPANY = 'whop:sync-company';
export const RECONCILE_COMPANY = 'whop:reconcile-company';
export const SCHEDULE_COMPANIES = 'companies:schedule';

export interface CompanyJobData { companyId: number }

/** How often every company gets an incremental sync. */
export const SYNC_EVERY = '15 minutes';
/** The nightly full reconcile, in UTC (cron). */
export const RECONCILE_CRON = '0 3 * * *';
