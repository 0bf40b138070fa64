// Fault: SIGTERM while a real worker process (`pulse serve --role worker`) runs a company's sync from a slow fake
// Whop. The process exits within 10 s (the job is aborted at the drain deadline and its lock released); after a
// restart and a second sync the company's data equals the fake's: nothing lost, nothing doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { materialize } from '../../../demo/sim/index.ts';
import { SYNC_COMPANY } from '../../../server/jobs/names.ts';
import { enqueueSync } from '../../../server/jobs/schedule.ts';
import { companyFromSim } from '../../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../../demo/fake-whop/server.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { actualFigures, expectedFigures } from '../../whop/expected.ts';
import { registerCompany } from '../../whop/world.ts';
import { startServer } from '../server-process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('SIGTERM during a sync', () => {
  const data = companyFromSim(materialize({ seed: 31, members: 150, months: 12, endDate: '2026-11-01T00:00:00Z' }));
  let db: TestDatabase;
  let pool: pg.Pool;
  let fake: FakeWhop;
  let companyId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    // 150 ms per request: a full sync takes far longer than the 5-second job drain.
    fake = await startFakeWhop({ dataset: { companies: [data] }, faults: { latencyMs: 150 } });
    companyId = (await registerCompany(pool, data.company.id, data.company.title)).id;
  });
  afterAll(async () => {
    await fake?.close();
    await pool?.end();
    await db?.drop();
  });

  const worker = () =>
    startServer({
      databaseUrl: db.url,
      role: 'worker',
      env: { WHOP_API_BASE_URL: fake.url, WHOP_API_KEY: defaultFakeApiKey },
    });
  const syncJob = async () =>
    (
      await pool.query<{ locked: boolean; finished: Date | null; failed: Date | null; reason: string | null }>(
        `select locked_at is not null as locked, last_finished_at as finished, failed_at as failed, fail_reason as reason from agenda_jobs
     where name = $1 and data->>'companyId' = $2`,
        [SYNC_COMPANY, String(companyId)],
      )
    ).rows[0];

  it("exits within 10 s mid-sync, releases the job, and a second sync after restart ends with exactly the fake's data", async () => {
    const expected = expectedFigures(data);
    const first = await worker();
    // The scheduler's first tick queues the company's sync at once; stop it a few pages in.
    await until('the sync to be under way', () => fake.stats().requests >= 15);
    const { code, ms } = await first.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(first.stderr()).toMatch(/pulse: stopped in \d+ ms/);
    const partial = await actualFigures(pool, companyId);
    expect(partial).not.toEqual(expected); // it was interrupted, not finished
    const job = await syncJob();
    expect(job?.locked).toBe(false); // released, not left for the lock lifetime (10 min)
    const running = await pool.query(
      `select count(*)::int as n from sync_state where company_id = $1 and status = 'running'`,
      [companyId],
    );
    expect(running.rows[0].n).toBeGreaterThan(0); // resumable from its cursors

    console.log(`sigterm during sync: exited ${code} after ${ms} ms, ${fake.stats().requests} requests made`);

    fake.setFaults({ latencyMs: 5 }); // the second sync need not be slow
    const second = await worker();
    const restartedAt = new Date();
    const agenda = new Agenda({ backend: new PostgresBackend({ connectionString: db.url, ensureSchema: false }) });
    await agenda.ready;
    await enqueueSync(agenda, companyId);
    await agenda.stop();
    await until(
      'the second sync to finish',
      async () => {
        const j = await syncJob();
        return Boolean(j?.finished && j.finished > restartedAt && !j.locked);
      },
      120_000,
    );
    const after = await syncJob();
    expect(after?.failed === null || after!.failed! < after!.finished!).toBe(true);
    expect(await actualFigures(pool, companyId)).toEqual(expected);
    const stop = await second.stop('SIGTERM');
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(10_000);
  });
});
