// The webhook inbox: every verified event is stored first (webhook_id unique, so a redelivery is acknowledged and
// not applied again), then applied in the same transaction; if applying fails the event is stored anyway, `failed`
// with its error and one attempt counted, for the next sync's replay (webhook-replay.ts). Its state on arrival:
// `applied`; `ignored` (a type Pulse does not apply: settled, never replayed); `pending` (its company is not in Pulse
// yet: applied by the company's first sync once it links).
import type { Pool } from '../db/queryable.ts';
import { applyWebhook, DeferredWebhook, isAppliedType, type WebhookEnvelope } from './webhook-apply.ts';

export type Receipt = {
  outcome: 'applied' | 'stored' | 'duplicate' | 'deferred' | 'failed';
  inboxId?: number;
  error?: string;
};

/** The Whop company an event belongs to: the envelope's company_id (app webhooks), else its object's company. */
export function whopCompanyOf(e: WebhookEnvelope): string | null {
  // Webhooks pinned to API versions from 2026-08-14 (and app installation events) name it account_id.
  const account = (e as { account_id?: unknown }).account_id;
  if (typeof account === 'string' && account) return account;
  if (e.company_id) return e.company_id;
  const company = (e.data as { company?: { id?: unknown } }).company;
  return typeof company?.id === 'string' ? company.id : null;
}

/** The error of an event that is not applied for want of something, not because applying failed ("not applied:"). */
export const NOT_APPLIED = {
  type: 'not applied: event type not applied by Pulse',
  company: 'not applied: unknown company',
} as const;

/** The inbox columns after payload on arrival, from SQL expressions for our company id (or null) and "the type is applied". */
export const INBOX_ARRIVAL_COLUMNS = 'state, attempts, applied_at, error';
export function inboxArrival(companyId: string, typeApplied: string): string {
  const applies = `${companyId} is not null and ${typeApplied}`;
  return `case when not ${typeApplied} then 'ignored' when ${companyId} is null then 'pending' else 'applied' end,
    case when ${applies} then 1 else 0 end, case when ${applies} then now() end,
    case when not ${typeApplied} then '${NOT_APPLIED.type}' when ${companyId} is null then '${NOT_APPLIED.company}' end`;
}

/** The single-event inbox insert: $1 webhook id, $2 Whop company id, $3 type, $4 raw body, $5 the type is applied. */
export const inboxInsertSql = `insert into webhook_inbox as w (webhook_id, company_id, whop_company_id, event_type, payload, ${INBOX_ARRIVAL_COLUMNS})
  select $1, c.id, $2, $3, $4::jsonb, ${inboxArrival('c.id', '$5')}
  from (select (select id from companies where whop_company_id = $2) as id) c
  on conflict (webhook_id) do nothing
  returning id, company_id`;

const failedSql = `insert into webhook_inbox (webhook_id, company_id, whop_company_id, event_type, payload, state, attempts, error)
  values ($1, $2, $3, $4, $5::jsonb, 'failed', 1, $6) on conflict (webhook_id) do nothing returning id`;

/** Store and apply one verified event; `rawBody` is stored as the payload. */
export async function receiveWebhook(
  pool: Pool,
  webhookId: string,
  e: WebhookEnvelope,
  rawBody: string,
): Promise<Receipt> {
  const whopCompany = whopCompanyOf(e);
  const known = isAppliedType(e.type);
  const tx = await pool.connect();
  let inserted: { id: string; company_id: string | null } | undefined;
  try {
    await tx.query('BEGIN');
    const res = await tx.query<{ id: string; company_id: string | null }>({
      name: 'whop_inbox_insert',
      text: inboxInsertSql,
      values: [webhookId, whopCompany, e.type, rawBody, known],
    });
    inserted = res.rows[0];
    if (inserted && inserted.company_id !== null && known) await applyWebhook(tx, Number(inserted.company_id), e);
    await tx.query('COMMIT');
  } catch (err) {
    await tx.query('ROLLBACK').catch(() => undefined);
    if (!inserted) throw err;
    // Applying failed: keep the event, unapplied, with the reason (a new transaction; the first one rolled back).
    const error = err instanceof Error ? err.message : String(err);
    const again = await tx.query<{ id: string }>({
      name: 'whop_inbox_failed',
      text: failedSql,
      values: [webhookId, inserted.company_id, whopCompany, e.type, rawBody, error.slice(0, 500)],
    });
    const id = again.rows[0] ? Number(again.rows[0].id) : undefined;
    return { outcome: err instanceof DeferredWebhook ? 'deferred' : 'failed', inboxId: id, error };
  } finally {
    tx.release();
  }
  if (!inserted) return { outcome: 'duplicate' };
  return { outcome: inserted.company_id !== null && known ? 'applied' : 'stored', inboxId: Number(inserted.id) };
}
