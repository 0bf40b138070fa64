// The delivery ledger (deliveries): claim a post in the transaction that decides it is due (an insert that
// the unique (company_id, dedupe_key) lets through once, ever), take over claims whose lease ran out (the
// worker that held them died, or a transient error's backoff is over) with FOR UPDATE SKIP LOCKED, and
// record the outcome. Every write after the claim is fenced by the attempt number the claim was made with,
// so a worker whose lease was taken over cannot overwrite what the newer holder records.
import type { Queryable } from '../db/queryable.ts';
import { dedupeKey, parseDedupeKey, type DeliveryAddress, type DeliveryPlatform } from './dedupe-key.ts';

export interface DeliveryClaim extends DeliveryAddress {
  companyId: number;
  /** The workspace the channel belongs to. */
  workspaceLinkId: number | null;
  /** What a retry needs to post the same thing again (JSON). */
  payload?: unknown;
}

export interface ClaimedDelivery extends DeliveryAddress {
  id: number;
  companyId: number;
  workspaceLinkId: number | null;
  dedupeKey: string;
  /** Attempts so far, this one included: the fencing token of this claim. */
  attempts: number;
  payload: unknown;
  /** When it was first claimed: the instant a digest reports as of, on every attempt. */
  createdAt: Date;
  leaseUntil: Date;
}

interface Row extends Record<string, unknown> {
  id: string;
  company_id: string;
  workspace_link_id: string | null;
  dedupe_key: string;
  attempts: number;
  payload: unknown;
  created_at: Date;
  lease_until: Date;
}

const returning = 'id, company_id, workspace_link_id, dedupe_key, attempts, payload, created_at, lease_until';

function toClaimed(r: Row): ClaimedDelivery {
  return {
    ...parseDedupeKey(r.dedupe_key),
    id: Number(r.id),
    companyId: Number(r.company_id),
    workspaceLinkId: r.workspace_link_id === null ? null : Number(r.workspace_link_id),
    dedupeKey: r.dedupe_key,
    attempts: r.attempts,
    payload: r.payload,
    createdAt: r.created_at,
    leaseUntil: r.lease_until,
  };
}

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/**
 * Claims the deliveries not claimed before (in one statement); returns only those this call inserted — the
 * caller now owns them and must post them. Run it inside the transaction that decided they are due.
 */
export async function claimDeliveries(
  tx: Queryable,
  claims: readonly DeliveryClaim[],
  opts: { now: Date; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  if (claims.length === 0) return [];
  const { rows } = await tx.query<Row>(
    `insert into deliveries (company_id, dedupe_key, platform, channel_id, kind, workspace_link_id, payload, status, attempts, lease_until, created_at)
     select c.company_id, c.dedupe_key, c.platform, c.channel_id, c.kind, c.workspace_link_id, c.payload, 'claimed', 1, $8, $9
     from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[])
       as c(company_id, dedupe_key, platform, channel_id, kind, workspace_link_id, payload)
     on conflict (company_id, dedupe_key) do nothing
     returning ${returning}`,
    [
      claims.map((c) => c.companyId),
      claims.map((c) => dedupeKey(c)),
      claims.map((c) => c.platform),
      claims.map((c) => c.channelId),
      claims.map((c) => c.kind),
      claims.map((c) => c.workspaceLinkId),
      claims.map((c) => (c.payload === undefined ? null : JSON.stringify(c.payload))),
      later(opts.now, opts.leaseMs),
      opts.now.toISOString(),
    ],
  );
  return rows.map(toClaimed);
}

/**
 * Takes over claimed deliveries whose lease has run out (oldest first), skipping rows another worker is
 * taking at this moment; each taken row counts one more attempt.
 */
export async function reclaimDue(
  db: Queryable,
  opts: { now: Date; leaseMs: number; limit: number; platforms: readonly DeliveryPlatform[] },
): Promise<ClaimedDelivery[]> {
  if (opts.platforms.length === 0) return [];
  const { rows } = await db.query<Row>(
    `update deliveries d set lease_until = $2, attempts = d.attempts + 1
     from (select company_id, id from deliveries where status = 'claimed' and lease_until <= $1 and platform = any($4::text[])
           order by lease_until, id limit $3 for update skip locked) due
     where d.company_id = due.company_id and d.id = due.id
     returning ${returning
       .split(', ')
       .map((c) => `d.${c}`)
       .join(', ')}`,
    [opts.now.toISOString(), later(opts.now, opts.leaseMs), opts.limit, [...opts.platforms]],
  );
  return rows.map(toClaimed);
}

type Held = Pick<ClaimedDelivery, 'companyId' | 'id' | 'attempts'>;

async function fenced(db: Queryable, d: Held, set: string, values: unknown[]): Promise<boolean> {
  const { rows } = await db.query(
    `update deliveries set ${set} where company_id = $${values.length + 3} and id = $1 and attempts = $2 and status = 'claimed' returning id`,
    [d.id, d.attempts, ...values, d.companyId],
  );
  return rows.length === 1;
}

/** Posted: the platform's message id; false when this claim was taken over meanwhile. */
export function markPosted(db: Queryable, d: Held, messageId: string, at: Date): Promise<boolean> {
  return fenced(db, d, `status = 'posted', message_id = $3, posted_at = $4, lease_until = null, error = null`, [
    messageId,
    at.toISOString(),
  ]);
}

/** A transient error: keep it claimed, nobody takes it before `retryAt`. */
export function markRetry(db: Queryable, d: Held, error: string, retryAt: Date): Promise<boolean> {
  return fenced(db, d, 'error = $3, lease_until = $4', [error, retryAt.toISOString()]);
}

/** A permanent error (or retries exhausted): never tried again, shown in /pulse status. */
export function markFailed(db: Queryable, d: Held, error: string): Promise<boolean> {
  return fenced(db, d, `status = 'failed', error = $3, lease_until = null`, [error]);
}

/** Extends the lease while the post is in flight. */
export function renewLease(db: Queryable, d: Held, until: Date): Promise<boolean> {
  return fenced(db, d, 'lease_until = $3', [until.toISOString()]);
}

/** Gives the claim back untried (shutting down): any worker may take it now, and it costs no attempt. */
export function releaseClaim(db: Queryable, d: Held, at: Date): Promise<boolean> {
  return fenced(db, d, 'lease_until = $3, attempts = attempts - 1', [at.toISOString()]);
}
