// Running a day-range rollup statement chunk by chunk: each chunk is one set-based statement over a bounded
// number of days, and the row counts add up.
import { BadInput } from '../errors.ts';
import { addDays, daysBetween, parseDay } from '../period.ts';

export interface RollupCounts {
  /** Rows the days in range should hold. */
  rows: number;
  /** Rows inserted or changed. */
  written: number;
  /** Rows deleted because the recomputation no longer produces them. */
  removed: number;
}

/** Calls `run(from, to)` for consecutive chunks of at most `chunkDays` days covering fromDay..toDay (both included). */
export async function rollupInChunks(
  fromDay: string,
  toDay: string,
  chunkDays: number,
  run: (from: string, to: string) => Promise<RollupCounts>,
): Promise<RollupCounts> {
  parseDay(fromDay, 'fromDay');
  parseDay(toDay, 'toDay');
  const span = daysBetween(fromDay, toDay);
  if (span < 0) throw new BadInput(`toDay ${toDay} is before fromDay ${fromDay}`);
  const total: RollupCounts = { rows: 0, written: 0, removed: 0 };
  for (let start = 0; start <= span; start += chunkDays) {
    const r = await run(addDays(fromDay, start), addDays(fromDay, Math.min(span, start + chunkDays - 1)));
    total.rows += r.rows;
    total.written += r.written;
    total.removed += r.removed;
  }
  return total;
}
