// `pulse sync --company <id|biz_…> [--full] [--concurrency N] [--json]`: sync one company from Whop with a progress
// bar. Ctrl-C stops it with every finished page kept; running it again resumes where it stopped.
import cliProgress from 'cli-progress';
import { assertMigrated } from '../../core/db/migrate.ts';
import { openPool } from '../../core/db/pool.ts';
import { findCompany } from '../../core/companies/company.repository.ts';
import { whopApiForCompany } from '../../core/whop/credentials.ts';
import { SyncAlreadyRunning, syncCompany, type SyncReport } from '../../core/whop/sync.ts';
import { UsageError } from '../runtime.ts';
import type { VerbHandler } from './types.ts';

function summary(r: SyncReport): string {
  const lines = [
    `${r.mode} sync of ${r.company.whopCompanyId} in ${(r.ms / 1000).toFixed(1)} s: ${r.requests} requests, retries ${JSON.stringify(r.retries)}`,
  ];
  lines.push(
    'resource'.padEnd(40) +
      'fetched'.padStart(9) +
      'inserted'.padStart(10) +
      'updated'.padStart(9) +
      'skipped'.padStart(9),
  );
  for (const t of [...r.tasks, { resource: 'total', ...r.totals }]) {
    lines.push(
      t.resource.padEnd(40) +
        String(t.fetched).padStart(9) +
        String(t.inserted).padStart(10) +
        String(t.updated).padStart(9) +
        String(t.skipped).padStart(9),
    );
  }
  if (r.deferredWebhooks.applied)
    lines.push(`applied ${r.deferredWebhooks.applied} webhook(s) that were waiting for this sync`);
  return lines.join('\n') + '\n';
}

export const run: VerbHandler = async (config, values) => {
  const ref = values.company;
  if (typeof ref !== 'string' || !ref) throw new UsageError('--company <id or biz_ id> is required');
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError('--concurrency must be an integer from 1 to 32');
  // The job limits: a backfill's upserts run longer than a request's.
  const pool = openPool(config.DATABASE_URL, { max: 10, timeouts: 'job' });
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  const bar = new cliProgress.SingleBar(
    {
      format: 'sync {bar} {value}/{total} lists | {objects} objects | {resource}',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  try {
    await assertMigrated(pool);
    const company = await findCompany(pool, ref);
    if (!company) throw new UsageError(`unknown company "${ref}"`);
    const api = await whopApiForCompany(pool, config, company).catch((err: Error) => {
      throw new UsageError(err.message);
    });
    bar.start(1, 0, { objects: 0, resource: 'starting' });
    const report = await syncCompany(pool, api, company, {
      mode: values.full ? 'full' : 'incremental',
      concurrency,
      signal: stop.signal,
      onProgress: (p) => {
        bar.setTotal(Math.max(p.tasksStarted, 1));
        bar.update(p.tasksDone, { objects: p.totalFetched, resource: p.resource });
      },
    });
    bar.stop();
    process.stdout.write(values.json ? JSON.stringify(report) + '\n' : summary(report));
  } catch (err) {
    bar.stop();
    if (stop.signal.aborted)
      throw new UsageError('interrupted; finished pages are kept, run the same command to resume');
    if (err instanceof SyncAlreadyRunning) throw new UsageError(err.message);
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    await pool.end();
  }
};
