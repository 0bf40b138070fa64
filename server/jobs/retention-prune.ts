// retention:prune (daily) — deletes operational rows nobody reads after a while, in batches so no statement
// holds locks for long. Raw activity events follow the tiers in core/retention (job retention:activity-storage);
// the rest of analytic history (payments, rollups, predictions) is kept: MRR spans are rebuilt from all payments,
// churn training needs about 14 months of snapshots, and content progress counts all-time completions.
import { pruneChatRequestReplays } from '../../core/chat/request-replays.repository.ts';
import type { JobContext } from './context.ts';

/** Days kept. Whop webhooks count from their arrival (raw payloads go with them). */
export const RETENTION_DAYS = {
  /** Applied Whop webhooks. */
  webhookInbox: 30,
  /** Webhooks of types Pulse does not apply: never used, kept a week for inspection. */
  webhookIgnored: 7,
  /** Webhooks given up after their capped attempts (`pulse webhooks replay --dead` can retry them meanwhile). */
  webhookDead: 30,
  /**
   * Pending webhooks of a company never linked to Pulse (applied by its first sync if it links in time). Pending and
   * failed webhooks of a linked company are kept: its syncs apply them or give them up (dead).
   */
  webhookOrphans: 30,
  agendaLogs: 14,
  /** One-off Agenda jobs that finished (repeating jobs are never deleted). */
  finishedJobs: 7,
  /** Posted or failed deliveries (a dedupe key is only ever re-asked for its own day or week). */
  deliveries: 90,
  /** Churn alert episodes that ended. */
  endedEpisodes: 180,
  /** Failed-payment episodes recovered or lost (the digest reads the last 7 days of them). */
  endedRescues: 180,
} as const;

const BATCH = 5000;

const statements: Record<keyof typeof RETENTION_DAYS, string> = {
  webhookInbox: `delete from webhook_inbox where id in (select id from webhook_inbox where state = 'applied' and received_at < $1 limit ${BATCH})`,
  // The unapplied ones through their partial index on received_at.
  webhookIgnored: `delete from webhook_inbox where id in (select id from webhook_inbox where applied_at is null and state = 'ignored'
    and received_at < $1 limit ${BATCH})`,
  webhookDead: `delete from webhook_inbox where id in (select id from webhook_inbox where applied_at is null and state = 'dead'
    and received_at < $1 limit ${BATCH})`,
  webhookOrphans: `delete from webhook_inbox where id in (select id from webhook_inbox w where applied_at is null and state = 'pending'
    and company_id is null and received_at < $1 and not exists (select 1 from companies c where c.whop_company_id = w.whop_company_id) limit ${BATCH})`,
  agendaLogs: `delete from agenda_logs where id in (select id from agenda_logs where "timestamp" < $1 limit ${BATCH})`,
  finishedJobs: `delete from agenda_jobs where id in (select id from agenda_jobs where repeat_interval is null and next_run_at is null
    and locked_at is null and last_finished_at < $1 limit ${BATCH})`,
  // Company-owned tables: (company_id, id) is their key.
  deliveries: `delete from deliveries where (company_id, id) in (select company_id, id from deliveries where status in ('posted', 'failed')
    and created_at < $1 limit ${BATCH})`,
  endedEpisodes: `delete from churn_alerts where (company_id, id) in (select company_id, id from churn_alerts where ended_at < $1 limit ${BATCH})`,
  endedRescues: `delete from payment_rescues where (company_id, id) in (select company_id, id from payment_rescues
    where outcome <> 'open' and outcome_at < $1 limit ${BATCH})`,
};

export async function pruneRetention(ctx: JobContext, now: Date = ctx.now()): Promise<Record<keyof typeof RETENTION_DAYS, number>> {
  const deleted = { webhookInbox: 0, webhookIgnored: 0, webhookDead: 0, webhookOrphans: 0, agendaLogs: 0, finishedJobs: 0, deliveries: 0, endedEpisodes: 0, endedRescues: 0 };
  for (const table of Object.keys(statements) as (keyof typeof RETENTION_DAYS)[]) {
    const cutoff = new Date(now.getTime() - RETENTION_DAYS[table] * 86_400_000).toISOString();
    for (;;) {
      if (ctx.signal.aborted) return deleted;
      const { rowCount } = await ctx.pool.query(statements[table], [cutoff]);
      deleted[table] += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) break;
    }
  }
  // Replay guards of chat requests: kept only while a signature could still be accepted (their own expiry).
  if (!ctx.signal.aborted) await pruneChatRequestReplays(ctx.pool, now);
  return deleted;
}
