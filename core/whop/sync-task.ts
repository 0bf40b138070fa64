// One resource's walk through a Whop list: page by page, each page written and its cursor saved in one
// transaction, so a run killed anywhere resumes at the first page not yet written and never doubles a row.
import type { WhopApi } from './client.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Pool, PoolClient } from '../db/queryable.ts';
import type { Limit } from './limit.ts';
import type { WriteCount } from './rows.ts';
import { emptyCounts, loadState, saveState, type SyncCounts, type SyncState } from './sync-state.ts';

export interface ListPage<T> {
  data: T[];
  page_info: { end_cursor?: string | null; has_next_page?: boolean | null };
}

export type SyncMode = 'incremental' | 'full';

/** Incremental runs fetch from this much before the last watermark (clock skew, late commits upstream). */
export const WATERMARK_OVERLAP_MS = 5 * 60_000;

export interface ListTask<T> {
  /** sync_state key, e.g. "payments" or "messages:chan_…". */
  resource: string;
  /** For progress display and rate-limit gates: the API path. */
  operation: string;
  /** The table its rows go to (the main one of its write): planner statistics after a bulk load (sync.ts). */
  table: string;
  fetch(api: WhopApi, q: { after?: string; since?: string }, signal?: AbortSignal): Promise<ListPage<T>>;
  write(tx: PoolClient, items: T[]): Promise<WriteCount>;
  /** The timestamp the list filters on (`updated_after`/`created_after`): enables incremental windows. */
  sinceOf?(item: T): string | number | null;
  /** Append-only list: an incremental run continues after the cursor where the last run ended. */
  tail?: boolean;
  /** Called with each page after it is written (to discover children). */
  seen?(items: T[]): void;
}

export interface TaskContext {
  pool: Pool;
  api: WhopApi;
  companyId: number;
  mode: SyncMode;
  limit: Limit;
  signal?: AbortSignal;
  progress?(resource: string, fetched: number): void;
}

export interface TaskReport extends SyncCounts {
  resource: string;
  table: string;
  resumed: boolean;
}

function toMs(v: string | number | null | undefined): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return v < 1e12 ? v * 1000 : v;
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

function watermark(task: ListTask<unknown>, state: SyncState, since: Date | null): Date | null {
  if (!task.sinceOf) return null;
  const seen = state.counts.max_seen_ms;
  if (seen === undefined) return since;
  const started = state.startedAt?.getTime() ?? Date.now();
  return new Date(Math.min(seen, started) - WATERMARK_OVERLAP_MS);
}

/** Walks one list from its stored state; the signal is checked before every write, so an aborted sync writes nothing more. */
export async function runTask<T>(ctx: TaskContext, task: ListTask<T>): Promise<TaskReport> {
  ctx.signal?.throwIfAborted();
  const prior = await loadState(ctx.pool, ctx.companyId, task.resource);
  const resumed = prior?.status === 'running';
  let state: SyncState;
  if (prior && resumed) state = prior;
  else {
    const incremental = ctx.mode === 'incremental' && prior?.status === 'done';
    state = {
      resource: task.resource,
      status: 'running',
      startedAt: new Date(),
      finishedAt: null,
      counts: emptyCounts(),
      updatedSince: incremental && task.sinceOf ? prior.updatedSince : null,
      cursor: incremental && task.tail ? prior.cursor : null,
    };
    ctx.signal?.throwIfAborted();
    await saveState(ctx.pool, ctx.companyId, state);
  }
  const since = state.updatedSince;
  let after = state.cursor ?? undefined;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const q = { after, since: since?.toISOString() };
    const page = await ctx.limit.run(() => task.fetch(ctx.api, q, ctx.signal));
    const items = page.data ?? [];
    const end = page.page_info?.end_cursor ?? null;
    const more = Boolean(page.page_info?.has_next_page && end && items.length > 0);
    const c = state.counts;
    c.pages++;
    c.fetched += items.length;
    if (task.sinceOf)
      for (const it of items) {
        const ms = toMs(task.sinceOf(it));
        if (ms !== undefined && (c.max_seen_ms === undefined || ms > c.max_seen_ms)) c.max_seen_ms = ms;
      }
    ctx.signal?.throwIfAborted();
    await inTransaction(ctx.pool, async (tx) => {
      const w = await task.write(tx, items);
      c.inserted += w.inserted;
      c.updated += w.updated;
      c.skipped += w.skipped;
      if (more) state.cursor = end;
      else {
        state.status = 'done';
        state.finishedAt = new Date();
        state.cursor = task.tail ? (end ?? after ?? null) : null;
        state.updatedSince = watermark(task as ListTask<unknown>, state, since);
      }
      await saveState(tx, ctx.companyId, state);
    });
    task.seen?.(items);
    ctx.progress?.(task.resource, items.length);
    if (!more) break;
    after = end!;
  }
  return { resource: task.resource, table: task.table, resumed, ...state.counts };
}
