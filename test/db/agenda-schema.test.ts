// Workers start Agenda with ensureSchema: false on a migrated database, and jobs run.
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase } from '../helpers/db.ts';

function agendaOn(url: string): Agenda {
  return new Agenda({
    backend: new PostgresBackend({ connectionString: url, ensureSchema: false, disableNotifications: true }),
    processEvery: 50,
  });
}

describe('Agenda on the migrated schema', () => {
  it('runs a job without creating any table itself', async () => {
    await using db = await createTestDatabase();
    const agenda = agendaOn(db.url);
    try {
      const ran = new Promise<unknown>((resolve) => {
        agenda.define('probe', async (job) => resolve(job.attrs.data));
      });
      await agenda.start();
      await agenda.now('probe', { answer: 42 });
      expect(await ran).toEqual({ answer: 42 });
    } finally {
      await agenda.stop();
    }
  });

  it('has nothing to work with on an unmigrated database (the tables come from the migration)', async () => {
    await using db = await createEmptyDatabase();
    const agenda = agendaOn(db.url);
    try {
      await agenda.start();
      await expect(agenda.now('probe', {})).rejects.toThrow(/agenda_jobs/);
    } finally {
      await agenda.stop();
    }
  });
});
