// Which instant chat answers are computed as of, and the footer line saying how fresh the data is. Answers
// read the revenue rollup as of its own instant (rebuilding it for every question would take seconds at
// 100,000 members); a rollup older than a day, or none, is rebuilt as of now.
import { readRollupState } from '../../core/revenue/index.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import { ago, instantLabel } from './format.ts';

const MAX_ROLLUP_AGE_MS = 24 * 3_600_000;

export interface DataFreshness {
  /** The instant figures are computed as of. */
  asOf: Date;
  /** When Whop data last finished syncing (any resource), or null when never. */
  lastSyncAt: Date | null;
}

/** The figures' instant for a question asked at `now`. */
export async function dataFreshness(db: Queryable, companyId: number, now: Date): Promise<DataFreshness> {
  const [state, sync] = await Promise.all([
    readRollupState(db, companyId),
    db.query<{ at: Date | null }>('select max(finished_at) as at from sync_state where company_id = $1', [companyId]),
  ]);
  const fresh = state && state.asOf.getTime() <= now.getTime() && now.getTime() - state.asOf.getTime() <= MAX_ROLLUP_AGE_MS;
  const at = sync.rows[0]?.at ?? null;
  return { asOf: fresh ? state.asOf : now, lastSyncAt: at === null ? null : new Date(at) };
}

/** "data as of 26 Nov 2026 08:15 UTC, synced 4 min ago". */
export function freshnessLine(f: DataFreshness, now: Date, timeZone: string): string {
  const synced = f.lastSyncAt ? `synced ${ago(f.lastSyncAt, now)}` : 'not synced from Whop yet';
  return `data as of ${instantLabel(f.asOf, timeZone)}, ${synced}`;
}
