// The engagement rollups for a range of company days, idempotent: engagement_daily (each member's day and
// score: docs/metrics.md#engagement-score, engagement-rollup-sql.ts), then engagement_company_daily and
// activity_slots (engagement-summary-sql.ts). Members with no activity in the 30 days ending on a day have no
// row that day: every term of their score is 0 ("no activity ever scores 0"). Each chunk of days runs in one transaction
// under a per-company lock, as set-based statements that write only what differs from the rows already there
// (and delete rows the recomputation no longer produces): running it twice changes nothing.
// A large company's chunk is split into slices of its members (member_id modulo the slice count), each computed
// and written by its own connection, so the database uses more than one core: the first slice's transaction
// takes the company's lock and holds it until every other slice has ended (they start only once it is taken);
// then the company-level rows, which read every slice's committed rows, are written the same way, the days split
// between the connections. A chunk is then no longer one transaction but one per connection; a reader may see
// one slice's new rows before another's, as between chunks.
// The counted members come from core/revenue's rollup: build it first (the nightly job does, in that order).
import type { Queryable } from '../db/queryable.ts';
import { BadInput, NotFound } from '../errors.ts';
import { daysBetween, parseDay } from '../period.ts';
import { inTransaction, isPool, spareConnections } from '../db/transaction.ts';
import { engagementRowsSql } from './engagement-rollup-sql.ts';
import { engagementSettingsFrom } from './engagement-settings.ts';
import { activitySlotsSql, companyDailySql } from './engagement-summary-sql.ts';
import { dayChunks, rollupInChunks, sumCounts, type RollupCounts } from './rollup-chunks.ts';

/**
 * Days recomputed per statement: a nightly run or a 61-day rebuild is one statement (the 29 days of lookback are
 * read once), while a years-long backfill still goes a quarter at a time so the sorts stay in memory.
 */
const chunkDays = 92;
/** The advisory lock class of a company's engagement rollup (key 2: the company id). */
export const ENGAGEMENT_LOCK_CLASS = 73_178_421;

/**
 * Takes the company's engagement rollup lock until `tx`'s transaction ends, waiting while a rollup chunk holds it.
 * Whoever deletes a member or a company takes it before deleting anything (core/lifecycle): engagement_daily has no
 * foreign key to members, so this is what keeps a running rollup from writing rows for a member just erased.
 */
export async function lockEngagementRollup(tx: Queryable, companyId: number): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, ($2::bigint % 2147483647)::int)', [
    ENGAGEMENT_LOCK_CLASS,
    companyId,
  ]);
}

/**
 * Slices of a large company's chunk, each on its own connection: the database machine's cores (2 here). At 100,000
 * members the 61-day rebuild took 19.1 s in one slice, 11.7 s in two and 12.6 s in three on a 2-core machine
 * (docs/benchmarks.md).
 */
export const ROLLUP_SLICES = 2;
/** Members from which a company's rollup is sliced (below, a chunk takes well under a second: not worth a connection). */
export const SLICE_FROM_MEMBERS = 10_000;

export interface EngagementRollupOptions {
  /** Slices per chunk (default ROLLUP_SLICES from SLICE_FROM_MEMBERS members when `conn` is a pool, else 1). */
  slices?: number;
}

/** Activity kinds that count as messages (messages7, docs/metrics.md#engagement-score): chat messages and forum posts. */
export const messageKinds = ['message', 'forum_post'];
/** Kinds whose `value` is course progress in percentage points (progress30). */
export const progressKinds = ['lesson_view', 'lesson_complete'];

/** (Re)compute the engagement rollups for the company's days fromDay..toDay (both included); counts are engagement_daily's. */
export async function rollupEngagement(
  conn: Queryable,
  companyId: number,
  fromDay: string,
  toDay: string,
  opts: EngagementRollupOptions = {},
): Promise<RollupCounts> {
  parseDay(fromDay, 'fromDay');
  parseDay(toDay, 'toDay');
  const row = (
    await conn.query<{ time_zone: string; settings: unknown; members: number }>(
      'select time_zone, settings, (select count(*) from members m where m.company_id = c.id)::int as members from companies c where id = $1',
      [companyId],
    )
  ).rows[0];
  if (!row) throw new NotFound(`no company ${companyId}`);
  const { weights: w, caps: c } = engagementSettingsFrom(row.settings);
  const pool = isPool(conn);
  const asked = opts.slices ?? (pool && row.members >= SLICE_FROM_MEMBERS ? ROLLUP_SLICES : 1);
  if (!Number.isInteger(asked) || asked < 1) throw new BadInput(`slices must be a whole number from 1, not ${asked}`);
  if (asked > 1 && !pool) throw new BadInput('a sliced rollup needs a pool (one connection per slice)');
  // By default a chunk takes only connections the pool has spare once its own is held, so rollups sharing a pool
  // never all hold one connection while waiting for another; slices asked for explicitly wait for theirs.
  const slicesNow = () => opts.slices ?? Math.min(asked, 1 + spareConnections(conn));
  const rowsOf = async (
    tx: Queryable,
    from: string,
    to: string,
    slices: number,
    slice: number,
  ): Promise<RollupCounts> => {
    await tx.query(`set local work_mem = '256MB'`);
    const res = await tx.query<RollupCounts>(engagementRowsSql, [
      companyId,
      from,
      to,
      row.time_zone,
      messageKinds,
      progressKinds,
      w.messages,
      w.visits,
      w.progress,
      w.recency,
      c.messages,
      c.visits,
      c.progress,
      c.recencyDays,
      slices,
      slice,
    ]);
    return res.rows[0]!;
  };
  return rollupInChunks(fromDay, toDay, chunkDays, (from, to) =>
    inTransaction(conn, async (tx) => {
      await lockEngagementRollup(tx, companyId);
      const slices = slicesNow();
      // Work i of n on its own connection (0: this transaction's). Every one ends (committed or not) before this
      // transaction goes on, so the lock covers all their writes.
      const sideBySide = async <T>(work: (q: Queryable, i: number) => Promise<T>): Promise<T[]> => {
        const settled = await Promise.allSettled([
          work(tx, 0),
          ...Array.from({ length: slices - 1 }, (_, i) => inTransaction(conn, (q) => work(q, i + 1))),
        ]);
        const failed = settled.find((s) => s.status === 'rejected');
        if (failed) throw failed.reason;
        return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
      };
      const counts = await sideBySide((q, i) => rowsOf(q, from, to, slices, i));
      // The company-level rows read every slice's committed rows; their days are independent, so the range is
      // split between the connections too (activity_slots with the first part).
      const parts = dayChunks(from, to, Math.ceil((daysBetween(from, to) + 1) / slices));
      await sideBySide(async (q, i) => {
        const part = parts[i];
        if (part) await q.query(companyDailySql, [companyId, part.from, part.to, row.time_zone]);
        if (i === 0) await q.query(activitySlotsSql, [companyId, from, to, row.time_zone]);
      });
      return sumCounts(counts);
    }),
  );
}
