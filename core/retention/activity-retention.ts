// Storage that follows the tiers (docs/data-model.md#activity_events-partitions): activity_events' monthly
// partitions are created for every month inside the longest window and months ahead, a month is dropped whole once it is past the longest tier's window and
// every company with rows in it has been rolled up past it, and every company loses its raw events past its own
// tier's window (in bounded batches, only days its rollup has covered), stragglers of the default partition
// included. Rollups are never touched.
// Raw events are kept a lookback longer than the window: recomputing a day inside the window reads the raw events
// of the days before it (the engagement score's 30 days, churn features' 60).
import { LOOKBACK_DAYS as CHURN_LOOKBACK_DAYS } from '../churn/features.ts';
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import { HISTORY_DAYS } from '../tiers/tier-limits.ts';
import type { CompanyTier } from '../db/entities/companies.ts';
import {
  companiesOfTiers,
  companyNotRolledUp,
  createPartition,
  deleteEventsBefore,
  dropPartition,
  monthlyPartitions,
  partitionName,
  tryUpkeepLock,
} from './activity-partitions.repository.ts';

/** Days of raw events read before a recomputed day: the engagement score's 30-day window, churn features' lookback. */
export const RAW_EVENT_LOOKBACK_DAYS = Math.max(30, CHURN_LOOKBACK_DAYS);
/** Months of partitions kept ready ahead of the current one. */
export const MONTHS_AHEAD = 3;
/** Raw events deleted per statement: keeps each delete's locks and WAL short. */
export const DELETE_BATCH = 5000;

const DAY_MS = 86_400_000;

export interface ActivityRetentionResult {
  created: string[];
  dropped: string[];
  /** Partitions past the window kept because a company with rows in them is not rolled up past them. */
  kept: string[];
  /** Raw events deleted per company past its tier's window. */
  deleted: Record<number, number>;
  /** False when another worker held the upkeep lock (nothing done: it is doing the same). */
  locked: boolean;
}

export interface RetentionOptions {
  monthsAhead?: number;
  batch?: number;
  signal?: AbortSignal;
}

function addMonths(month: Date, n: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1));
}

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The instant before which a tier's raw events may go: its window plus the lookback, at a UTC midnight. */
export function rawEventCutoff(tier: CompanyTier, now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(day - (HISTORY_DAYS[tier] + RAW_EVENT_LOOKBACK_DAYS) * DAY_MS);
}

/**
 * Creates the missing partitions from the month of the longest tier's cutoff to `monthsAhead` months ahead, so a
 * backfill of a new company's history lands in its months too. Idempotent.
 */
export async function ensurePartitions(
  db: Queryable,
  now: Date,
  monthsAhead = MONTHS_AHEAD,
): Promise<{ created: string[]; locked: boolean }> {
  return inTransaction(db, async (tx) => {
    if (!(await tryUpkeepLock(tx))) return { created: [], locked: false };
    const have = new Set((await monthlyPartitions(tx)).map((p) => p.name));
    const cutoff = rawEventCutoff('enterprise', now);
    const first = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth(), 1));
    const last = addMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), monthsAhead);
    const created: string[] = [];
    for (let month = first; month <= last; month = addMonths(month, 1)) {
      if (have.has(partitionName(month))) continue;
      await createPartition(tx, month, addMonths(month, 1));
      created.push(partitionName(month));
    }
    return { created, locked: true };
  });
}

/** Drops the monthly partitions wholly before the longest tier's cutoff whose companies are all rolled up past them. */
export async function dropExpiredPartitions(db: Queryable, now: Date): Promise<{ dropped: string[]; kept: string[] }> {
  const cutoff = rawEventCutoff('enterprise', now);
  const dropped: string[] = [],
    kept: string[] = [];
  for (const p of await monthlyPartitions(db)) {
    const end = addMonths(p.month, 1);
    if (end > cutoff) continue;
    const done = await inTransaction(db, async (tx) => {
      if (!(await tryUpkeepLock(tx))) return false;
      if ((await companyNotRolledUp(tx, p.name, utcDay(end))) !== null) return false;
      await dropPartition(tx, p.name);
      return true;
    });
    (done ? dropped : kept).push(p.name);
  }
  return { dropped, kept };
}

/**
 * Deletes each company's raw events past its tier's window, never past the last day its rollup reached. For the
 * longest window this is what dropping whole months leaves: events in the default partition (times outside every
 * monthly partition) and a rolled-up company's rows in a month kept for another company.
 */
export async function pruneTierWindows(
  db: Queryable,
  now: Date,
  opts: RetentionOptions = {},
): Promise<Record<number, number>> {
  const deleted: Record<number, number> = {};
  for (const c of await companiesOfTiers(db, Object.keys(HISTORY_DAYS) as CompanyTier[])) {
    if (c.rolledUpTo === null) continue;
    const tierCutoff = rawEventCutoff(c.tier as CompanyTier, now);
    // Only days the rollup has covered: events of day D may go once D has a rollup row (rolledUpTo >= D).
    const rolledCutoff = new Date(Date.parse(`${c.rolledUpTo}T00:00:00Z`) + DAY_MS);
    const before = tierCutoff < rolledCutoff ? tierCutoff : rolledCutoff;
    let n = 0;
    for (;;) {
      if (opts.signal?.aborted) break;
      const gone = await deleteEventsBefore(db, c.id, before, opts.batch ?? DELETE_BATCH);
      n += gone;
      if (gone < (opts.batch ?? DELETE_BATCH)) break;
    }
    if (n > 0) deleted[c.id] = n;
  }
  return deleted;
}

/** The daily upkeep: partitions ahead, expired months dropped, lower tiers' windows enforced. */
export async function upkeepActivityStorage(
  db: Queryable,
  now: Date,
  opts: RetentionOptions = {},
): Promise<ActivityRetentionResult> {
  const { created, locked } = await ensurePartitions(db, now, opts.monthsAhead);
  if (!locked) return { created, dropped: [], kept: [], deleted: {}, locked };
  const { dropped, kept } = await dropExpiredPartitions(db, now);
  const deleted = opts.signal?.aborted ? {} : await pruneTierWindows(db, now, opts);
  return { created, dropped, kept, deleted, locked };
}
