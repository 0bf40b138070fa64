// instrumentAgenda: every local run of any Agenda job lands in pulse_job_duration_seconds and, when it failed,
// pulse_job_failures_total, on a real Agenda over the test database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { instrumentAgenda, processRegistry } from '../../server/observability/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { sample } from './prometheus-text.ts';

describe('job metrics', () => {
  let db: TestDatabase;
  let agenda: Agenda;
  beforeAll(async () => {
    db = await createTestDatabase();
    agenda = new Agenda({
      backend: new PostgresBackend({ connectionString: db.url, ensureSchema: false, disableNotifications: true }),
      processEvery: 100,
    });
    agenda.define('ops:sleepy', async () => {
      await new Promise((r) => setTimeout(r, 120));
    });
    agenda.define('ops:broken', async () => {
      throw new Error('broken on purpose');
    });
    instrumentAgenda(agenda);
    await agenda.start();
  });
  afterAll(async () => {
    await agenda?.stop();
    await db?.drop();
  });

  it('times successful runs and counts failed ones by job name', async () => {
    const done = new Promise<void>((resolve) => {
      let n = 0;
      const one = () => {
        if (++n === 3) resolve();
      };
      agenda.on('success:ops:sleepy', one);
      agenda.on('fail:ops:broken', one);
    });
    await agenda.now('ops:sleepy');
    await agenda.now('ops:sleepy');
    await agenda.now('ops:broken');
    await done;
    const text = await processRegistry.metrics();
    expect(sample(text, 'pulse_job_duration_seconds_count', { job: 'ops:sleepy', outcome: 'success' })).toBe(2);
    expect(
      sample(text, 'pulse_job_duration_seconds_sum', { job: 'ops:sleepy', outcome: 'success' }),
    ).toBeGreaterThanOrEqual(0.24);
    expect(
      sample(text, 'pulse_job_duration_seconds_bucket', { job: 'ops:sleepy', outcome: 'success', le: '0.1' }),
    ).toBe(0);
    expect(sample(text, 'pulse_job_failures_total', { job: 'ops:sleepy' })).toBe(0);
    expect(sample(text, 'pulse_job_duration_seconds_count', { job: 'ops:broken', outcome: 'failure' })).toBe(1);
    expect(sample(text, 'pulse_job_failures_total', { job: 'ops:broken' })).toBe(1);
  });
});
