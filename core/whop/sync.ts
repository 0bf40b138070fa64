// One company's sync from Whop: every resource as a resumable list task (sync-task.ts), started once the rows it
// points at are in (products -> plans -> memberships -> payments -> refunds; courses -> lessons -> interactions),
// with at most `concurrency` requests in flight across them all. The first task to fail aborts the others (their
// requests included), and the sync reports the failure only once every task has settled: nothing it started is
// still writing when its lock is released.
import type { WhopApi } from './client.ts';
import { analyzeWritten, type WrittenTables } from '../db/analyze.ts';
import { rows, type Pool } from '../db/queryable.ts';
import { Limit } from './limit.ts';
import { activityWrite } from './tables.ts';
import type { CompanyRef } from '../companies/company.repository.ts';
import { forumPostsTask, interactionsTask, messagesTask } from './sync-activity.ts';
import {
  catalogTasks,
  channelsAndForums,
  contentTasks,
  moneyTasks,
  peopleTasks,
  type CompanyScope,
} from './sync-resources.ts';
import { runTask, type ListTask, type SyncMode, type TaskContext, type TaskReport } from './sync-task.ts';
import { replayWebhooks, type ReplayReport } from './webhook-replay.ts';

export interface SyncProgress {
  resource: string;
  fetched: number;
  totalFetched: number;
  tasksDone: number;
  tasksStarted: number;
}

export interface SyncOptions {
  /** 'incremental' (default) uses watermarks and tail cursors; 'full' re-walks every list (the reconcile). */
  mode?: SyncMode;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?(p: SyncProgress): void;
  /** Stored webhooks of the company replayed at the end, at most (default SYNC_WEBHOOK_REPLAY_LIMIT); the next run goes on. */
  webhookReplayLimit?: number;
}

export const SYNC_WEBHOOK_REPLAY_LIMIT = 1000;

export interface SyncTotals {
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  skipped: number;
}

export interface SyncReport {
  company: CompanyRef;
  mode: SyncMode;
  tasks: TaskReport[];
  totals: SyncTotals;
  requests: number;
  retries: WhopApi['retries'];
  /** The company's stored webhooks that could still apply (parents not synced yet, company linked since), replayed. */
  deferredWebhooks: ReplayReport;
  /** Tables analyzed after the sync wrote many rows to them (syncStatistics). */
  analyzed: string[];
  ms: number;
}

/**
 * Planner statistics after a sync that inserted rows (a company's first sync is a bulk load; many companies' small
 * syncs add up), as the nightly pipeline does after its rollups (core/db/analyze.ts: the table changed by more
 * than 50 + 10% of the rows it had at its last analyze). Until then PostgreSQL guesses, and the webhook ingestor,
 * which plans its statements once per connection, kept a guess: looking a member up by (company_id, whop_user_id) through the primary key's company prefix, every
 * member of the company read for each event's lookup. Activity tables are left to autovacuum: they grow by
 * appends, and their partitions are analyzed on their own.
 */
export async function syncStatistics(pool: Pool, tasks: TaskReport[]): Promise<string[]> {
  const inserted = new Map<string, number>();
  for (const t of tasks)
    if (t.table !== activityWrite.table) inserted.set(t.table, (inserted.get(t.table) ?? 0) + t.inserted);
  const steps: WrittenTables[] = [...inserted].map(([table, written]) => ({ tables: [table], main: table, written }));
  return analyzeWritten(pool, steps);
}

export function totalsOf(tasks: TaskReport[]): SyncTotals {
  const t: SyncTotals = { pages: 0, fetched: 0, inserted: 0, updated: 0, skipped: 0 };
  for (const r of tasks) for (const k of Object.keys(t) as Array<keyof SyncTotals>) t[k] += r[k];
  return t;
}

/** Another sync of the same company holds its lock (e.g. the scheduled job while an operator runs `pulse sync`). */
export class SyncAlreadyRunning extends Error {}

const SYNC_LOCK = 0x57_48_4f_50; // "WHOP"

/** One sync per company at a time, across processes: a session advisory lock held for the whole run. */
export async function syncCompany(
  pool: Pool,
  api: WhopApi,
  company: CompanyRef,
  opts: SyncOptions = {},
): Promise<SyncReport> {
  if ((pool.options.max ?? 10) < 2)
    throw new Error('syncCompany needs a pool of at least 2 connections (one holds the lock)');
  const lock = await pool.connect();
  try {
    const {
      rows: [got],
    } = await lock.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2::int) as ok', [SYNC_LOCK, company.id]);
    if (!got?.ok) throw new SyncAlreadyRunning(`a sync of ${company.whopCompanyId} is already running`);
    try {
      return await syncLocked(pool, api, company, opts);
    } finally {
      await lock.query('select pg_advisory_unlock($1, $2::int)', [SYNC_LOCK, company.id]);
    }
  } finally {
    lock.release();
  }
}

/** Like Promise.all, but settles only once every promise has: a failure does not leave the others running unseen. */
async function settleAll<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function syncLocked(pool: Pool, api: WhopApi, company: CompanyRef, opts: SyncOptions): Promise<SyncReport> {
  const started = performance.now();
  const mode = opts.mode ?? 'incremental';
  const scope: CompanyScope = { companyId: company.id, whopCompanyId: company.whopCompanyId };
  const reports: TaskReport[] = [];
  const progress = { totalFetched: 0, tasksDone: 0, tasksStarted: 0 };
  // The first failure aborts every other task; it, not the aborts it caused, is what the sync reports.
  const stop = new AbortController();
  let firstFailure: { reason: unknown } | undefined;
  const fail = (reason: unknown) => {
    firstFailure ??= { reason };
    stop.abort(reason);
  };
  const watched = <T>(p: Promise<T>) =>
    p.catch((err: unknown) => {
      fail(err);
      throw err;
    });
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const ctx: TaskContext = {
    pool,
    api,
    companyId: company.id,
    mode,
    limit: new Limit(opts.concurrency ?? 4),
    signal,
    progress: (resource, fetched) => {
      progress.totalFetched += fetched;
      opts.onProgress?.({ resource, fetched, ...progress });
    },
  };
  const run = async <T>(task: ListTask<T>) => {
    signal.throwIfAborted();
    progress.tasksStarted++;
    const r = await watched(runTask(ctx, task));
    progress.tasksDone++;
    reports.push(r);
    opts.onProgress?.({ resource: task.resource, fetched: 0, ...progress });
    return r;
  };
  const each = <T>(ids: string[], make: (id: string) => ListTask<T>) => settleAll(ids.map((id) => run(make(id))));

  const catalog = catalogTasks(scope);
  const people = peopleTasks(scope);
  const money = moneyTasks(scope);
  const content = contentTasks(scope);

  const products = run(catalog.products);
  const members = run(people.members);
  const courses = run(content.courses);
  const parents = watched(channelsAndForums(api, scope, signal));
  // Every promise below waits for all it depends on (settleAll): so the four at the end settle only once every
  // task they started has.
  const plans = products.then(() => run(catalog.plans));
  const memberships = settleAll([plans, members]).then(() => run(people.memberships));
  const payments = memberships.then(() => run(money.payments));
  const refunds = payments.then(() => run(money.refunds));
  const courseIds = courses
    .then(() =>
      watched(
        rows<{ whop_id: string }>(
          pool,
          `select whop_id from content_items where company_id = $1 and kind = 'course' order by id`,
          [company.id],
        ),
      ),
    )
    .then((r) => r.map((c) => c.whop_id));
  const lessons = courseIds.then((ids) => each(ids, content.lessons));
  const interactions = settleAll([courseIds, lessons, members]).then(([ids]) =>
    each(ids, (id) => interactionsTask(scope, id)),
  );
  const chat = settleAll([parents, members]).then(([[channels, forums]]) =>
    settleAll([
      each(
        channels.map((c) => c.id),
        (id) => messagesTask(scope, id),
      ),
      each(
        forums.map((f) => f.experience.id),
        (id) => forumPostsTask(scope, id),
      ),
    ]),
  );

  const settled = await Promise.allSettled([refunds, interactions, chat, parents]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw firstFailure ? firstFailure.reason : failed.reason;
  reports.sort((a, b) => a.resource.localeCompare(b.resource));
  const analyzed = await syncStatistics(pool, reports);
  const deferredWebhooks = await replayWebhooks(pool, {
    companyId: company.id,
    onlyUnapplied: true,
    limit: opts.webhookReplayLimit ?? SYNC_WEBHOOK_REPLAY_LIMIT,
    signal: opts.signal,
  });
  return {
    company,
    mode,
    tasks: reports,
    totals: totalsOf(reports),
    requests: api.requests,
    retries: { ...api.retries },
    deferredWebhooks,
    analyzed,
    ms: performance.now() - started,
  };
}
