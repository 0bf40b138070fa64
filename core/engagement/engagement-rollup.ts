// The engagement rollups for a range of company days, idempotent: engagement_daily (each member's day and
// score: docs/metrics.md#engagement-score, engagement-rollup-sql.ts), then engagement_company_daily and
// activity_slots (engagement-summary-sql.ts). Members with no activity in the 30 days ending on a day have no
// row that day: every term of their score is 0 ("no activity ever scores 0"). Each chunk of days runs in one transaction
// under a per-company lock, as set-based statements that write only what differs from the rows already there
// (and delete rows the recomputation no longer produces): running it twice changes nothing.
// The counted members come from core/revenue's rollup: build it first (the nightly job does, in that order).
import type { Queryable } from '../db/queryable.ts';
import { NotFound } from '../errors.ts';
import { parseDay } from '../period.ts';
import { inTransaction } from '../db/transaction.ts';
import { engagementRowsSql } from './engagement-rollup-sql.ts';
import { engagementSettingsFrom } from './engagement-settings.ts';
import { activitySlotsSql, companyDailySql } from './engagement-summary-sql.ts';
import { rollupInChunks, type RollupCounts } from './rollup-chunks.ts';

/**
 * Days recomputed per statement: a nightly run or a 61-day rebuild is one statement (the 29 days of lookback are
 * read once), while a years-long backfill still goes a quarter at a time so the sorts stay in memory.
 */
const chunkDays = 92;
const lockClass = 73_178_421;

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
): Promise<RollupCounts> {
  parseDay(fromDay, 'fromDay');
  parseDay(toDay, 'toDay');
  const row = (
    await conn.query<{ time_zone: string; settings: unknown }>(
      'select time_zone, settings from companies where id = $1',
      [companyId],
    )
  ).rows[0];
  if (!row) throw new NotFound(`no company ${companyId}`);
  const { weights: w, caps: c } = engagementSettingsFrom(row.settings);
  return rollupInChunks(fromDay, toDay, chunkDays, (from, to) =>
    inTransaction(conn, async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, ($2::bigint % 2147483647)::int)', [lockClass, companyId]);
      await tx.query(`set local work_mem = '256MB'`);
      const res = await tx.query<{ rows: number; written: number; removed: number }>(engagementRowsSql, [
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
      ]);
      await tx.query(companyDailySql, [companyId, from, to, row.time_zone]);
      await tx.query(activitySlotsSql, [companyId, from, to, row.time_zone]);
      return res.rows[0]!;
    }),
  );
}
