// The deletes of retention:prune (retention-prune.ts says what is kept how long and why): one batch of rows older
// than a cutoff per statement.
import type { Queryable } from '../../core/db/queryable.ts';

/** Rows deleted per statement: no statement holds its locks for long. */
export const PRUNE_BATCH = 5000;

const statements = {
  webhookInbox: `delete from webhook_inbox where id in (select id from webhook_inbox where state = 'applied' and received_at < $1 limit ${PRUNE_BATCH})`,
  // The unapplied ones through their partial index on received_at.
  webhookIgnored: `delete from webhook_inbox where id in (select id from webhook_inbox where applied_at is null and state = 'ignored'
    and received_at < $1 limit ${PRUNE_BATCH})`,
  webhookDead: `delete from webhook_inbox where id in (select id from webhook_inbox where applied_at is null and state = 'dead'
    and received_at < $1 limit ${PRUNE_BATCH})`,
  webhookOrphans: `delete from webhook_inbox where id in (select id from webhook_inbox w where applied_at is null and state = 'pending'
    and company_id is null and received_at < $1 and not exists (select 1 from companies c where c.whop_company_id = w.whop_company_id) limit ${PRUNE_BATCH})`,
  agendaLogs: `delete from agenda_logs where id in (select id from agenda_logs where "timestamp" < $1 limit ${PRUNE_BATCH})`,
  finishedJobs: `delete from agenda_jobs where id in (select id from agenda_jobs where repeat_interval is null and next_run_at is null
    and locked_at is null and last_finished_at < $1 limit ${PRUNE_BATCH})`,
  // Company-owned tables: (company_id, id) is their key.
  deliveries: `delete from deliveries where (company_id, id) in (select company_id, id from deliveries where status in ('posted', 'failed')
    and created_at < $1 limit ${PRUNE_BATCH})`,
  endedEpisodes: `delete from churn_alerts where (company_id, id) in (select company_id, id from churn_alerts where ended_at < $1 limit ${PRUNE_BATCH})`,
  endedRescues: `delete from payment_rescues where (company_id, id) in (select company_id, id from payment_rescues
    where outcome <> 'open' and outcome_at < $1 limit ${PRUNE_BATCH})`,
} as const;

export type PrunedRows = keyof typeof statements;

/** Deletes up to PRUNE_BATCH rows of one kind older than `cutoff`; returns how many. */
export async function pruneBatch(db: Queryable, kind: PrunedRows, cutoff: string): Promise<number> {
  const { rowCount } = await db.query(statements[kind], [cutoff]);
  return rowCount ?? 0;
}
