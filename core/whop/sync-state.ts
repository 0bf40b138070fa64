// sync_state rows: per company and resource, the cursor of the next page while a run is going (so a killed sync
// resumes there), the lower bound it filters on, and after it finishes the watermark for the next incremental run.
import { rows, type Queryable } from '../db/queryable.ts';

export type SyncStatus = 'running' | 'done';

export interface SyncCounts {
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  skipped: number;
  max_seen_ms?: number;
}

export interface SyncState {
  resource: string;
  cursor: string | null;
  updatedSince: Date | null;
  status: SyncStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: SyncCounts;
}

export const emptyCounts = (): SyncCounts => ({ pages: 0, fetched: 0, inserted: 0, updated: 0, skipped: 0 });

interface StateRow {
  resource: string;
  cursor: string | null;
  updated_since: Date | null;
  status: string;
  started_at: Date | null;
  finished_at: Date | null;
  counts: Partial<SyncCounts> | string;
}

export async function loadState(db: Queryable, companyId: number, resource: string): Promise<SyncState | undefined> {
  const [r] = await rows<StateRow>(db, 'select * from sync_state where company_id = $1 and resource = $2', [
    companyId,
    resource,
  ]);
  if (!r) return undefined;
  return {
    resource: r.resource,
    cursor: r.cursor,
    updatedSince: r.updated_since,
    status: r.status === 'running' ? 'running' : 'done',
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: {
      ...emptyCounts(),
      ...(typeof r.counts === 'string' ? (JSON.parse(r.counts) as Partial<SyncCounts>) : r.counts),
    },
  };
}

export async function saveState(db: Queryable, companyId: number, s: SyncState): Promise<void> {
  await db.query({
    name: 'whop_save_sync_state',
    text: `insert into sync_state (company_id, resource, cursor, updated_since, status, started_at, finished_at, counts)
      values ($1, $2, $3, $4, $5, $6, $7, $8)
      on conflict (company_id, resource) do update set cursor = excluded.cursor, updated_since = excluded.updated_since,
        status = excluded.status, started_at = excluded.started_at, finished_at = excluded.finished_at, counts = excluded.counts`,
    values: [
      companyId,
      s.resource,
      s.cursor,
      s.updatedSince,
      s.status,
      s.startedAt,
      s.finishedAt,
      JSON.stringify(s.counts),
    ],
  });
}

export async function listStates(db: Queryable, companyId: number): Promise<SyncState[]> {
  const found = await rows<{ resource: string }>(
    db,
    'select resource from sync_state where company_id = $1 order by resource',
    [companyId],
  );
  const out: SyncState[] = [];
  for (const f of found) {
    const s = await loadState(db, companyId, f.resource);
    if (s) out.push(s);
  }
  return out;
}
