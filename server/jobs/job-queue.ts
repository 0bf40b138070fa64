// Queueing jobs from a process that does not run them (the web role, the CLI): an Agenda on the same
// PostgreSQL tables that is never started, opened on first use. Notifications are off (no LISTEN connection
// per web machine): a job queued for now is picked up at the workers' next poll.
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { enqueueSync } from './schedule.ts';

export interface JobQueue {
  /** Queue an incremental sync of the company now (an already pending one is moved to now). */
  enqueueSync(companyId: number): Promise<void>;
  close(): Promise<void>;
}

export function openJobQueue(databaseUrl: string): JobQueue {
  let opened: Promise<{ agenda: Agenda; backend: PostgresBackend }> | undefined;
  const open = () =>
    (opened ??= (async () => {
      const backend = new PostgresBackend({
        connectionString: databaseUrl,
        ensureSchema: false,
        disableNotifications: true,
      });
      const agenda = new Agenda({ backend, name: `pulse-queue-${process.pid}` });
      await agenda.ready;
      return { agenda, backend };
    })());
  return {
    enqueueSync: async (companyId) => enqueueSync((await open()).agenda, companyId),
    close: async () => {
      if (!opened) return;
      const { backend } = await opened.catch(() => ({ backend: undefined }));
      await backend?.disconnect();
    },
  };
}
