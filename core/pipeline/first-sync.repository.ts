// first_syncs: one row per company once its first sync, the rollups and churn scores after it, and the claims of
// its "Pulse is ready" posts are done (server/jobs/first-answers.ts). Before that row exists, the next finished
// sync does those steps again (each is idempotent: scores are a new scoring, posts are claimed in the ledger).
import type { Queryable } from '../db/queryable.ts';

export async function firstSyncFinishedAt(db: Queryable, companyId: number): Promise<Date | null> {
  const { rows } = await db.query<{ finished_at: Date }>('select finished_at from first_syncs where company_id = $1', [
    companyId,
  ]);
  return rows[0]?.finished_at ?? null;
}

/** True when this call recorded it (false: it was recorded already). */
export async function markFirstSyncFinished(db: Queryable, companyId: number, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    'insert into first_syncs (company_id, finished_at) values ($1, $2) on conflict (company_id) do nothing returning company_id',
    [companyId, at],
  );
  return rows.length === 1;
}
