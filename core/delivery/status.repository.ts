// What /pulse status shows about deliveries: the last digest posted to each destination, the deliveries
// that failed for good (channel deleted, bot removed, retries exhausted), and those waiting to be retried
// after a transient error. Scoped by company. `deliveryStatus` gives operators the stored error text;
// `chatDeliveryStatus`, for chat, only its category and the row's reference (`d<id>`, the `delivery` field of
// the worker's log lines), since the text may hold SQL, addresses or a platform's internal message.
import type { Queryable } from '../db/queryable.ts';
import { parseDedupeKey, type DeliveryAddress } from './dedupe-key.ts';
import { deliveryErrorCategory } from './error-category.ts';

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
  id: string;
  dedupe_key: string;
  message_id: string | null;
  posted_at: Date | null;
  error: string | null;
  attempts: number;
  created_at: Date;
  lease_until: Date | null;
}

async function statusRows(
  db: Queryable,
  companyId: number,
  failedLimit: number,
): Promise<{ digests: Row[]; failed: Row[]; retrying: Row[] }> {
  const cols = 'id, dedupe_key, message_id, posted_at, error, attempts, created_at, lease_until';
  const [digests, failed, retrying] = await Promise.all([
    db.query<Row>(
      `select distinct on (platform, channel_id, kind) ${cols} from deliveries
       where company_id = $1 and status = 'posted' and kind in ('daily_digest', 'weekly_digest')
       order by platform, channel_id, kind, posted_at desc, id desc`,
      [companyId],
    ),
    db.query<Row>(
      `select ${cols} from deliveries where company_id = $1 and status = 'failed' order by created_at desc, id desc limit $2`,
      [companyId, failedLimit],
    ),
    db.query<Row>(
      `select ${cols} from deliveries where company_id = $1 and status = 'claimed' and error is not null order by created_at desc, id desc`,
      [companyId],
    ),
  ]);
  return { digests: digests.rows, failed: failed.rows, retrying: retrying.rows };
}

const lastDigestOf = (r: Row): PostedDigest => ({
  ...parseDedupeKey(r.dedupe_key),
  postedAt: r.posted_at!,
  messageId: r.message_id,
});

export async function deliveryStatus(
  db: Queryable,
  companyId: number,
  opts: { failedLimit?: number } = {},
): Promise<DeliveryStatus> {
  const { digests, failed, retrying } = await statusRows(db, companyId, opts.failedLimit ?? 20);
  return {
    lastDigests: digests.map(lastDigestOf),
    failed: failed.map((r) => ({
      ...parseDedupeKey(r.dedupe_key),
      error: r.error ?? 'failed',
      attempts: r.attempts,
      claimedAt: r.created_at,
    })),
    retrying: retrying.map((r) => ({
      ...parseDedupeKey(r.dedupe_key),
      error: r.error!,
      attempts: r.attempts,
      nextAttemptAt: r.lease_until,
    })),
  };
}

/** A failure as chat may show it: what kind (`deliveryErrorCategory`) and the row's reference, not the text. */
export interface DeliveryProblem {
  category: string;
  /** `d<deliveries.id>`: the operator finds the full error in that row and in the worker's log. */
  reference: string;
}

export interface ChatDeliveryStatus {
  lastDigests: PostedDigest[];
  failed: (Omit<FailedDelivery, 'error'> & DeliveryProblem)[];
  retrying: (Omit<RetryingDelivery, 'error'> & DeliveryProblem)[];
}

function problemOf(r: Row): DeliveryAddress & DeliveryProblem {
  const address = parseDedupeKey(r.dedupe_key);
  return { ...address, category: deliveryErrorCategory(r.error ?? '', address.platform), reference: `d${r.id}` };
}

export async function chatDeliveryStatus(
  db: Queryable,
  companyId: number,
  opts: { failedLimit?: number } = {},
): Promise<ChatDeliveryStatus> {
  const { digests, failed, retrying } = await statusRows(db, companyId, opts.failedLimit ?? 20);
  return {
    lastDigests: digests.map(lastDigestOf),
    failed: failed.map((r) => ({ ...problemOf(r), attempts: r.attempts, claimedAt: r.created_at })),
    retrying: retrying.map((r) => ({ ...problemOf(r), attempts: r.attempts, nextAttemptAt: r.lease_until })),
  };
}
