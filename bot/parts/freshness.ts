// Which instant chat answers are computed as of, and the footer line saying how fresh the data is. Answers
// read the revenue rollup as of its own instant (rebuilding it for every question would take seconds at
// 100,000 members); a rollup older than a day, or none, is rebuilt as of now.
import { reportAsOf } from '../../core/reports/index.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import { lastSyncFinishedAt } from '../../core/whop/sync-status.repository.ts';
import { ago, instantLabel } from './format.ts';

export interface DataFreshness {
  /** The instant figures are computed as of. */
  asOf: Date;
  /** When Whop data last finished syncing (any resource), or null when never. */
  lastSyncAt: Date | null;
}

/** The figures' instant for a question asked at `now`. */
export async function dataFreshness(db: Queryable, companyId: number, now: Date): Promise<DataFreshness> {
  // The same rule as the report pages (core/reports reportAsOf), so a link and a command agree.
  const [asOf, lastSyncAt] = await Promise.all([reportAsOf(db, companyId, now), lastSyncFinishedAt(db, companyId)]);
  return { asOf, lastSyncAt };
}

/** "data as of 26 Nov 2026 08:15 UTC, synced 4 min ago". */
export function freshnessLine(f: DataFreshness, now: Date, timeZone: string): string {
  const synced = f.lastSyncAt ? `synced ${ago(f.lastSyncAt, now)}` : 'not synced from Whop yet';
  return `data as of ${instantLabel(f.asOf, timeZone)}, ${synced}`;
}
