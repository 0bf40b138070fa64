// `pulse webhooks replay`: apply stored events again, oldest first, each in its own transaction. Applying is
// idempotent (guarded upserts), so replaying applied events writes nothing; deferred events (parents not synced
// yet) and events of companies linked since they arrived get applied now.
import { inTransaction, rows, type Pool } from './db.ts';
import { applyWebhook, isAppliedType, type WebhookEnvelope } from './webhook-apply.ts';

export interface ReplayOptions {
  since?: Date;
  /** Our company id: its events, including those stored before the company was known. */
  companyId?: number;
  onlyUnapplied?: boolean;
}

export interface ReplayReport { examined: number; applied: number; rowsChanged: number; notApplied: number; failed: number }

interface InboxRow { id: string; event_type: string; payload: WebhookEnvelope | string; whop_company_id: string | null }

async function replayOne(pool: Pool, r: InboxRow, report: ReplayReport): Promise<void> {
  try {
    await inTransaction(pool, async (tx) => {
      await tx.query('select 1 from webhook_inbox where id = $1 for update', [r.id]);
      const [company] = r.whop_company_id ? await rows<{ id: string }>(tx, 'select id from companies where whop_company_id = $1', [r.whop_company_id]) : [];
      if (!company || !isAppliedType(r.event_type)) {
        report.notApplied++;
        await tx.query(`update webhook_inbox set error = $2 where id = $1`, [r.id, company ? 'not applied: event type not applied by Pulse' : 'not applied: unknown company']);
        return;
      }
      const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) as WebhookEnvelope : r.payload;
      const w = await applyWebhook(tx, Number(company.id), payload);
      report.applied++;
      report.rowsChanged += w.inserted + w.updated;
      await tx.query('update webhook_inbox set company_id = $2, applied_at = now(), attempts = attempts + 1, error = null where id = $1', [r.id, company.id]);
    });
  } catch (err) {
    report.failed++;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await pool.query('update webhook_inbox set attempts = attempts + 1, error = $2 where id = $1', [r.id, message]);
  }
}

export async function replayWebhooks(pool: Pool, opts: ReplayOptions = {}): Promise<ReplayReport> {
  const report: ReplayReport = { examined: 0, applied: 0, rowsChanged: 0, notApplied: 0, failed: 0 };
  let last = 0;
  for (;;) {
    const batch = await rows<InboxRow>(pool, `select id, event_type, payload, whop_company_id from webhook_inbox
      where id > $1 and ($2::timestamptz is null or received_at >= $2)
        and ($3::bigint is null or company_id = $3 or (company_id is null and whop_company_id = (select whop_company_id from companies where id = $3)))
        and (not $4 or applied_at is null)
      order by id limit 500`, [last, opts.since ?? null, opts.companyId ?? null, opts.onlyUnapplied ?? false]);
    for (const r of batch) {
      report.examined++;
      await replayOne(pool, r, report);
      last = Number(r.id);
    }
    if (batch.length < 500) return report;
  }
}
