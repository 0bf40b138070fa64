// Job names and data shared by the worker, the scheduler and whoever enqueues (CLI, tests).
export const SYNC_COMPANY = 'whop:sync-company';
export const RECONCILE_COMPANY = 'whop:reconcile-company';
export const SCHEDULE_COMPANIES = 'companies:schedule';
/** Per company: nightly scoring (retraining weekly). */
export const CHURN_NIGHTLY = 'churn:nightly';
/** Per company, queued after each scoring: newly at-risk members alerted once per episode. */
export const CHURN_ALERT_SCAN = 'churn:alert-scan';
/** Global scans. */
export const DIGESTS_SCAN = 'digests:scan';
export const DELIVERIES_RETRY = 'deliveries:retry';
export const ANOMALIES_SCAN = 'anomalies:scan';
/** Failed-payment episodes advanced, alerted once and edited as they recover or are lost. */
export const PAYMENTS_RESCUE = 'payments:rescue';
export const OUTCOMES_LABEL = 'outcomes:label';
export const RETENTION_PRUNE = 'retention:prune';
/** Daily: activity_events partitions made ahead, expired months dropped, lower tiers' raw events past their window deleted. */
export const ACTIVITY_STORAGE = 'retention:activity-storage';
/** Deletes the rows of companies whose erase is due (uninstalled, /pulse erase, `pulse company erase`). */
export const ERASE_DUE = 'companies:erase-due';
/** Nightly: Pulse's tier memberships read back from Whop, drift corrected. */
export const TIERS_CHECK = 'billing:tiers-check';
/** Daily: linked Discord servers the bot is no longer in are unlinked. */
export const DISCORD_GUILDS_RECONCILE = 'discord:guilds-reconcile';

export interface CompanyJobData {
  companyId: number;
}

/** How often every company gets an incremental sync. */
export const SYNC_EVERY = '15 minutes';
/** The nightly full reconcile, in UTC (cron). */
export const RECONCILE_CRON = '0 3 * * *';
/** Nightly churn scoring per company, in UTC, after the reconcile has usually finished. */
export const CHURN_NIGHTLY_CRON = '30 4 * * *';

/** Repeating global jobs and how often they run (an interval, or a cron in UTC). */
export const GLOBAL_SCHEDULE = {
  [DIGESTS_SCAN]: '5 minutes',
  [DELIVERIES_RETRY]: '1 minute',
  [ANOMALIES_SCAN]: '1 hour',
  // Often, so a failed payment is alerted within a minute of its webhook (the scan finds nothing to do cheaply).
  [PAYMENTS_RESCUE]: '20 seconds',
  [OUTCOMES_LABEL]: '0 5 * * *',
  [RETENTION_PRUNE]: '30 5 * * *',
  [ACTIVITY_STORAGE]: '50 5 * * *',
  [ERASE_DUE]: '1 hour',
  [TIERS_CHECK]: '15 5 * * *',
  [DISCORD_GUILDS_RECONCILE]: '45 5 * * *',
} as const;
export type GlobalJob = keyof typeof GLOBAL_SCHEDULE;
