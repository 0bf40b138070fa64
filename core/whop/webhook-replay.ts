// Replaying stored webhooks, oldest first, each in its own transaction: at the end of every sync (its company's
// events that can still apply, a bounded number per run) and by `pulse webhooks replay`. Applying is idempotent
// (guarded upserts), so replaying applied events writes nothing. `pending` events (company not in Pulse when they
// arrived) are applied once it is; a `failed` one is tried again, at most WEBHOOK_MAX_ATTEMPTS times in all, then
// left `dead` and tried again only when asked (`dead: true`). `ignored` events are never read.
import { inTransaction } from '../db/transaction.ts';
import { rows, type Pool } from '../db/queryable.ts';
import { applyWebhook, isAppliedType, type WebhookEnvelope } from './webhook-apply.ts';
import { NOT_APPLIED } from './webhook-inbox.ts';
import { WEBHOOK_MAX_ATTEMPTS } from './webhook-attempts.ts';

export interface ReplayOptions {
  since?: Date;
  /** Our company id: its events, including those stored before the company was known. */
  companyId?: number;
  /** Only events not applied yet (pending, failed), as a sync does; otherwise applied ones are re-applied too. */
  onlyUnapplied?: boolean;
  /** Also retry events given up as dead. */
  dead?: boolean;
  /** Examine at most this many events. */
  limit?: number;
  /** Checked between events. */
  signal?: AbortSignal;
}

export interface ReplayReport {
  examined: number;
  applied: number;
  rowsChanged: number;
  notApplied: number;
  failed: number;
  /** Events given up in this run (their last attempt failed). */
  dead: number;
}

type State = 'pending' | 'failed' | 'applied' | 'dead';
interface InboxRow {
  id: string;
  event_type: string;
  payload: WebhookEnvelope | string;
  whop_company_id: string | null;
  state: State;
}

const failedSql = `update webhook_inbox set attempts = attempts + 1, error = $2,
    state = case when attempts + 1 >= $3 then 'dead' else 'failed' end
  where id = $1 and state <> 'applied' returning state`;

async function replayOne(pool: Pool, r: InboxRow, report: ReplayReport): Promise<void> {
  try {
    await inTransaction(pool, async (tx) => {
      // Another replay, or the retention job, may have moved it since it was listed.
      const [now] = await rows<{ state: State }>(tx, 'select state from webhook_inbox where id = $1 for update', [
        r.id,
      ]);
      if (now?.state !== r.state) return;
      if (!isAppliedType(r.event_type)) {
        report.notApplied++;
        if (r.state !== 'applied')
          await tx.query(`update webhook_inbox set state = 'ignored', error = $2 where id = $1`, [
            r.id,
            NOT_APPLIED.type,
          ]);
        return;
      }
      const [company] = r.whop_company_id
        ? await rows<{ id: string }>(tx, 'select id from companies where whop_company_id = $1', [r.whop_company_id])
        : [];
      if (!company) {
        // Still pending: its company may link later.
        report.notApplied++;
        return;
      }
      const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as WebhookEnvelope) : r.payload;
      const w = await applyWebhook(tx, Number(company.id), payload);
      report.applied++;
      report.rowsChanged += w.inserted + w.updated;
      await tx.query(
        `update webhook_inbox set company_id = $2, state = 'applied', applied_at = coalesce(applied_at, now()), attempts = attempts + 1, error = null
        where id = $1`,
        [r.id, company.id],
      );
    });
  } catch (err) {
    report.failed++;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    const [after] = await rows<{ state: State }>(pool, failedSql, [r.id, message, WEBHOOK_MAX_ATTEMPTS]);
    if (after?.state === 'dead' && r.state !== 'dead') report.dead++;
  }
}

/** The states a replay reads: listed as literals so that a sync's query matches the partial index of open events. */
function statesOf(opts: ReplayOptions): string {
  const states: State[] = ['pending', 'failed'];
  if (!opts.onlyUnapplied) states.push('applied');
  if (opts.dead) states.push('dead');
  return states.map((s) => `'${s}'`).join(', ');
}

export async function replayWebhooks(pool: Pool, opts: ReplayOptions = {}): Promise<ReplayReport> {
  const report: ReplayReport = { examined: 0, applied: 0, rowsChanged: 0, notApplied: 0, failed: 0, dead: 0 };
  const where = [`state in (${statesOf(opts)})`, 'id > $1'];
  const values: unknown[] = [0];
  if (opts.since) where.push(`received_at >= $${values.push(opts.since)}`);
  if (opts.companyId !== undefined) {
    // A company's events carry its Whop id from arrival, including those stored before it was in Pulse.
    const [company] = await rows<{ whop_company_id: string }>(
      pool,
      'select whop_company_id from companies where id = $1',
      [opts.companyId],
    );
    if (!company) return report;
    where.push(`whop_company_id = $${values.push(company.whop_company_id)}`);
  }
  const limit = opts.limit ?? Infinity;
  for (;;) {
    const page = Math.min(500, limit - report.examined);
    if (page <= 0) return report;
    const batch = await rows<InboxRow>(
      pool,
      `select id, event_type, payload, whop_company_id, state from webhook_inbox
      where ${where.join(' and ')} order by id limit ${page}`,
      values,
    );
    for (const r of batch) {
      opts.signal?.throwIfAborted();
      report.examined++;
      await replayOne(pool, r, report);
      values[0] = Number(r.id);
    }
    if (batch.length < page) return report;
  }
}
