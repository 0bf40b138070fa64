// A newly linked company's first sync, queued at once rather than at the scheduler's next 15-minute tick, by
// every way a workspace binds (link page, Slack and Discord installs with a grant, the Whop-key form, `pulse
// link`): only when the company has never synced (no sync_state rows). The web process runs no Agenda worker, so
// it opens a short-lived Agenda client on the jobs table, saves the job (unique per company) and closes it.
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import type { Queryable } from '../../core/db/queryable.ts';
import { hasSynced } from '../../core/whop/sync-status.repository.ts';
import { enqueueSync } from '../jobs/schedule.ts';

export type QueueFirstSync = (companyId: number) => Promise<boolean>;

/** Queues the first sync when there has been none; true when a job was queued. */
export function agendaFirstSync(databaseUrl: string, db: Queryable): QueueFirstSync {
  return async (companyId) => {
    if (await hasSynced(db, companyId)) return false;
    const agenda = new Agenda({ backend: new PostgresBackend({ connectionString: databaseUrl, ensureSchema: false }) });
    try {
      await agenda.ready;
      await enqueueSync(agenda, companyId);
      return true;
    } finally {
      await agenda.stop();
    }
  };
}

/** Queues it through the shared deps, if they can; a failure is logged, never the caller's: the scheduler's tick catches up. */
export async function queueFirstSyncOf(
  deps: { queueFirstSync?: QueueFirstSync },
  companyId: number,
  log: { warn(fields: Record<string, unknown>, msg: string): void },
): Promise<void> {
  await deps
    .queueFirstSync?.(companyId)
    .catch((err: unknown) =>
      log.warn(
        { companyId, err: err instanceof Error ? err.message : String(err) },
        'could not queue the first sync; the scheduler will',
      ),
    );
}
