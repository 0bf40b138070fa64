// What /pulse status shows about deliveries: the last digest posted to each destination, the deliveries
// that failed for good (channel deleted, bot removed, retries exhausted) with their error, and those
// waiting to be retried after a transient error. Scoped by company.
import type { Queryable } from '../db/queryable.ts';
import { parseDedupeKey, type DeliveryAddress } from './dedupe-key.ts';

export interface PostedDigest extends DeliveryAddress {
  postedAt: Date;
  messageId: string | null;
}

export interface FailedDelivery extends DeliveryAddress {
  error: string;
  attempts: number;
  /** When the delivery was first claimed (due). */
  claimedAt: Date;
}

export interface RetryingDelivery extends DeliveryAddress {
  error: string;
  attempts: number;
  nextAttemptAt: Date | null;
}

export interface DeliveryStatus {
  /** One per destination and digest kind (daily, weekly), the newest. */
  lastDigests: PostedDigest[];
  /** Newest first, at most `failedLimit` (default 20). */
  failed: FailedDelivery[];
  retrying: RetryingDelivery[];
}

interface Row extends Record<string, unknown> {
  dedupe_key: string; message_id: string | null; posted_at: Date | null; error: string | null; attempts: number;
  created_at: Date; lease_until: Date | null;
}

export async function deliveryStatus(db: Queryable, companyId: number, opts: { failedLimit?: number } = {}): Promise<DeliveryStatus> {
  const cols = 'dedupe_key, message_id, posted_at, error, attempts, created_at, lease_until';
  const [digests, failed, retrying] = await Promise.all([
    db.query<Row>(
      `select distinct on (platform, channel_id, kind) ${cols} from deliveries
       where company_id = $1 and status = 'posted' and kind in ('daily_digest', 'weekly_digest')
       order by platform, channel_id, kind, posted_at desc, id desc`, [companyId]),
    db.query<Row>(`select ${cols} from deliveries where company_id = $1 and status = 'failed' order by created_at desc, id desc limit $2`,
      [companyId, opts.failedLimit ?? 20]),
    db.query<Row>(`select ${cols} from deliveries where company_id = $1 and status = 'claimed' and error is not null order by created_at desc, id desc`, [companyId]),
  ]);
  return {
    lastDigests: digests.rows.map((r) => ({ ...parseDedupeKey(r.dedupe_key), postedAt: r.posted_at!, messageId: r.message_id })),
    failed: failed.rows.map((r) => ({ ...parseDedupeKey(r.dedupe_key), error: r.error ?? 'failed', attempts: r.attempts, claimedAt: r.created_at })),
    retrying: retrying.rows.map((r) => ({ ...parseDedupeKey(r.dedupe_key), error: r.error!, attempts: r.attempts, nextAttemptAt: r.lease_until })),
  };
}
