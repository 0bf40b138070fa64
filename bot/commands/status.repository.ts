// What /pulse status reads from the delivery ledger (deliveries): the last digest posted and the deliveries
// that failed for good, scoped by company.
import type { Queryable } from '../../core/db/queryable.ts';

export interface DeliveryLine { kind: string; platform: string; channelId: string; at: Date; error: string | null }

export async function lastPostedDigest(db: Queryable, companyId: number): Promise<DeliveryLine | null> {
  const { rows } = await db.query<{ kind: string; platform: string; channel_id: string; posted_at: Date }>(
    `select kind, platform, channel_id, posted_at from deliveries
     where company_id = $1 and status = 'posted' and kind like '%digest%' order by posted_at desc nulls last, id desc limit 1`, [companyId]);
  const r = rows[0];
  return r ? { kind: r.kind, platform: r.platform, channelId: r.channel_id, at: r.posted_at, error: null } : null;
}

/** The latest deliveries that failed for good (channel deleted, bot removed, …) since `since`. */
export async function failedDeliveries(db: Queryable, companyId: number, since: Date, limit = 5): Promise<DeliveryLine[]> {
  const { rows } = await db.query<{ kind: string; platform: string; channel_id: string; created_at: Date; error: string | null }>(
    `select kind, platform, channel_id, created_at, error from deliveries
     where company_id = $1 and status = 'failed' and created_at >= $3 order by created_at desc, id desc limit $2`, [companyId, limit, since.toISOString()]);
  return rows.map((r) => ({ kind: r.kind, platform: r.platform, channelId: r.channel_id, at: r.created_at, error: r.error }));
}
