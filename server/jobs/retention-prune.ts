// retention:prune (daily) — deletes operational rows nobody reads after a while, in batches so no statement
// holds locks for long. Raw activity events follow the tiers in core/retention (job retention:activity-storage);
// the rest of analytic history (payments, rollups, predictions) is kept: MRR spans are rebuilt from all payments,
// churn training needs about 14 months of snapshots, and content progress counts all-time completions.
import { pruneChatRequestReplays } from '../../core/chat/request-replays.repository.ts';
import type { JobContext } from './context.ts';
import { PRUNE_BATCH, pruneBatch, type PrunedRows } from './retention.repository.ts';

/** Days kept. Whop webhooks count from their arrival (raw payloads go with them). */
export const RETENTION_DAYS: Record<PrunedRows, number> = {
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

export async function pruneRetention(
  ctx: JobContext,
  now: Date = ctx.now(),
): Promise<Record<keyof typeof RETENTION_DAYS, number>> {
  const deleted = {
    webhookInbox: 0,
    webhookIgnored: 0,
    webhookDead: 0,
    webhookOrphans: 0,
    agendaLogs: 0,
    finishedJobs: 0,
    deliveries: 0,
    endedEpisodes: 0,
    endedRescues: 0,
  };
  for (const table of Object.keys(RETENTION_DAYS) as PrunedRows[]) {
    const cutoff = new Date(now.getTime() - RETENTION_DAYS[table] * 86_400_000).toISOString();
    for (;;) {
      if (ctx.signal.aborted) return deleted;
      const rowCount = await pruneBatch(ctx.pool, table, cutoff);
      deleted[table] += rowCount;
      if (rowCount < PRUNE_BATCH) break;
    }
  }
  // Replay guards of chat requests: kept only while a signature could still be accepted (their own expiry).
  if (!ctx.signal.aborted) await pruneChatRequestReplays(ctx.pool, now);
  return deleted;
}
