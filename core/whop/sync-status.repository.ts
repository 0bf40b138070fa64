// What chat answers and the link flow ask of the Whop sync's progress (sync_state, one row per company and
// resource): whether a company ever synced, and when its last sync finished.
import type { Queryable } from '../db/queryable.ts';

/** Whether the company has synced anything (a sync_state row exists). */
export async function hasSynced(db: Queryable, companyId: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from sync_state where company_id = $1 limit 1', [companyId]);
  return rows.length > 0;
}

/** When a sync of any resource last finished, or null when never. */
export async function lastSyncFinishedAt(db: Queryable, companyId: number): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    'select max(finished_at) as at from sync_state where company_id = $1',
    [companyId],
  );
  const at = rows[0]?.at ?? null;
  return at === null ? null : new Date(at);
}
