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

/** fromDay..toDay (both included) as consecutive ranges of at most `chunkDays` days. */
export function dayChunks(fromDay: string, toDay: string, chunkDays: number): Array<{ from: string; to: string }> {
  parseDay(fromDay, 'fromDay');
  parseDay(toDay, 'toDay');
  const span = daysBetween(fromDay, toDay);
  if (span < 0) throw new BadInput(`toDay ${toDay} is before fromDay ${fromDay}`);
  const chunks: Array<{ from: string; to: string }> = [];
  for (let start = 0; start <= span; start += chunkDays)
    chunks.push({ from: addDays(fromDay, start), to: addDays(fromDay, Math.min(span, start + chunkDays - 1)) });
  return chunks;
}

/** The counts of several runs added up. */
export function sumCounts(list: readonly RollupCounts[]): RollupCounts {
  const total: RollupCounts = { rows: 0, written: 0, removed: 0 };
  for (const r of list) {
    total.rows += r.rows;
    total.written += r.written;
    total.removed += r.removed;
  }
  return total;
}

/** Calls `run(from, to)` for consecutive chunks of at most `chunkDays` days covering fromDay..toDay (both included). */
export async function rollupInChunks(
  fromDay: string,
  toDay: string,
  chunkDays: number,
  run: (from: string, to: string) => Promise<RollupCounts>,
): Promise<RollupCounts> {
  const counts: RollupCounts[] = [];
  for (const c of dayChunks(fromDay, toDay, chunkDays)) counts.push(await run(c.from, c.to));
  return sumCounts(counts);
}
