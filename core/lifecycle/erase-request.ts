// Asking for a company's data to be erased (an admin's /pulse erase, `pulse company erase`, or an uninstall):
// posting and syncing stop at once, the rows go once the grace period has passed (or at the next erase run
// with `immediate`). An erase already pending keeps its earlier date unless `immediate` brings it forward.
import type { Queryable } from '../db/queryable.ts';

export interface EraseRequest {
  now: Date;
  graceDays: number;
  immediate?: boolean;
}

/** Returns when the rows will be deleted, or null when there is no such company. */
export async function requestErase(db: Queryable, companyId: number, r: EraseRequest): Promise<Date | null> {
  const { rows } = await db.query<{ erase_after: Date | string }>(
    `update companies set erase_requested_at = coalesce(erase_requested_at, $2),
       erase_after = case when $4 then $2 else coalesce(erase_after, $2::timestamptz + make_interval(days => $3::int)) end,
       updated_at = now()
     where id = $1 returning erase_after`,
    [companyId, r.now, r.graceDays, r.immediate === true],
  );
  const v = rows[0]?.erase_after;
  return v === undefined ? null : new Date(v);
}

/** Companies whose erase is due at `now`, oldest first. */
export async function dueErasures(db: Queryable, now: Date): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    'select id from companies where erase_after is not null and erase_after <= $1 order by erase_after, id',
    [now],
  );
  return rows.map((r) => Number(r.id));
}
