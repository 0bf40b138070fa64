// The worker role on a migrated database: an enqueued sync of a company runs once across two workers, fills
// the company's tables from the fake Whop and refreshes the rollups; being the company's first, it is followed by
// its first churn scores (later ones are nightly); the scheduler does not pile jobs up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Job } from 'agenda';
import { loadConfig } from '../../core/config.ts';
import { materialize } from '../../demo/sim/index.ts';
import { storeCompanyCredentials } from '../../core/whop/credentials.ts';
import {
  CHURN_NIGHTLY,
  CHURN_NIGHTLY_CRON,
  RECONCILE_COMPANY,
  RECONCILE_CRON,
  PAYMENTS_RESCUE,
  SCHEDULE_COMPANIES,
  SYNC_COMPANY,
  SYNC_EVERY,
} from '../../server/jobs/names.ts';
import { scheduleCompanies } from '../../server/jobs/schedule.ts';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { registerCompany } from '../whop/world.ts';

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const errors: Array<{ fields: Record<string, unknown>; msg: string }> = [];
const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (fields: Record<string, unknown>, msg: string) => {
    errors.push({ fields, msg });
  },
};

describe('worker jobs', () => {
  const data = companyFromSim(materialize({ seed: 23, members: 60, months: 6, endDate: '2026-11-01T00:00:00Z' }));
  let db: TestDatabase;
  let pool: pg.Pool;
  let fake: FakeWhop;
  let companyId: number;
  let config: ReturnType<typeof loadConfig>;
  const workers: Worker[] = [];
  /** Local starts of each job id, across both workers. */
  const starts = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    fake = await startFakeWhop({ dataset: { companies: [data] } });
    companyId = (await registerCompany(pool, data.company.id, data.company.title)).id;
    config = loadConfig({
      DATABASE_URL: db.url,
      PULSE_SECRET: 's'.repeat(40),
      WHOP_API_KEY: defaultFakeApiKey,
      WHOP_API_BASE_URL: fake.url,
    });
    for (let i = 0; i < 2; i++) {
      const worker = await startWorker({ config, log: quiet, processEvery: 100, schedule: false });
      worker.agenda.on(`start:${SYNC_COMPANY}`, (job: Job, remote?: boolean) => {
        if (remote) return;
        const id = String(job.attrs._id);
        starts.set(id, (starts.get(id) ?? 0) + 1);
      });
      workers.push(worker);
    }
  });

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await fake?.close();
    await pool?.end();
    await db?.drop();
  });

  it('runs an enqueued sync once across two workers, then refreshes the rollups and makes the first scores', async () => {
    const done = new Promise<void>((resolve, reject) => {
      for (const w of workers) {
        w.agenda.on(`success:${SYNC_COMPANY}`, (_job: Job, remote?: boolean) => {
          if (!remote) resolve();
        });
        w.agenda.on(`fail:${SYNC_COMPANY}`, (err: Error | string, _job: Job, remote?: boolean) => {
          if (!remote) reject(err instanceof Error ? err : new Error(err));
        });
      }
    });
    const job = await workers[0]!.agenda.now(SYNC_COMPANY, { companyId });
    await done;
    const {
      rows: [c],
    } = await pool.query<{
      memberships: string;
      payments: string;
      spans: string;
      engagement_days: string;
      predictions: string;
    }>(
      `select
      (select count(*) from memberships where company_id = $1) as memberships,
      (select count(*) from payments where company_id = $1) as payments,
      (select count(*) from customer_mrr_spans where company_id = $1) as spans,
      (select count(*) from engagement_company_daily where company_id = $1) as engagement_days,
      (select count(*) from churn_predictions where company_id = $1) as predictions`,
      [companyId],
    );
    expect(Number(c!.memberships)).toBe(data.memberships.length);
    expect(Number(c!.payments)).toBe(data.payments.length);
    expect(data.payments.length).toBeGreaterThan(0);
    expect(Number(c!.spans)).toBeGreaterThan(0);
    expect(Number(c!.engagement_days)).toBe(90); // the first rollup of a company covers 90 days
    // The first sync's answers: every counted member scored at once, and recorded as done.
    expect(Number(c!.predictions)).toBeGreaterThan(0);
    expect((await pool.query('select 1 from first_syncs where company_id = $1', [companyId])).rowCount).toBe(1);
    // Give the other worker a few polls to (wrongly) pick the job up again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(starts.get(String(job.attrs._id))).toBe(1);
    expect([...starts.values()].reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('logs a failed job with its name and company id, never the credentials', async () => {
    const bad = await registerCompany(pool, 'biz_badkey');
    await storeCompanyCredentials(pool, config.PULSE_SECRET, bad.id, { apiKey: 'sk_do_not_log_me' });
    const failed = new Promise<void>((resolve) => {
      for (const w of workers)
        w.agenda.on(`fail:${SYNC_COMPANY}`, (_err: Error | string, _job: Job, remote?: boolean) => {
          if (!remote) resolve();
        });
    });
    await workers[1]!.agenda.now(SYNC_COMPANY, { companyId: bad.id });
    await failed;
    const entry = errors.find((e) => e.fields.companyId === bad.id);
    expect(entry).toMatchObject({ msg: 'job failed', fields: { job: SYNC_COMPANY, companyId: bad.id } });
    expect(JSON.stringify(errors)).not.toContain('sk_do_not_log_me');
  });

  it('schedules one pending sync, one nightly reconcile and one nightly churn run per company, however many ticks', async () => {
    const scheduler = await startWorker({ config, log: quiet, processEvery: 100 });
    workers.push(scheduler);
    // every() runs the first tick right away, on whichever worker locks it first.
    await until(
      async () =>
        (
          await pool.query(`select 1 from agenda_jobs where name = $1 and last_finished_at is not null`, [
            SCHEDULE_COMPANIES,
          ])
        ).rowCount === 1,
    );
    await scheduleCompanies(workers[0]!.agenda, pool);
    await scheduleCompanies(workers[1]!.agenda, pool);
    const { rows } = await pool.query<{ name: string; n: string; repeat: string | null; future: boolean }>(
      `select name, count(*) as n, max(repeat_interval) as repeat, bool_and(next_run_at > now()) as future
       from agenda_jobs where data->>'companyId' = $1 group by name order by name`,
      [String(companyId)],
    );
    const ticks = await pool.query(`select repeat_interval from agenda_jobs where name = $1`, [SCHEDULE_COMPANIES]);
    expect(ticks.rows).toEqual([{ repeat_interval: SYNC_EVERY }]);
    // The failed-payment rescue runs every 20 s (alerts within a minute of a webhook); its first run finishes cleanly.
    await until(
      async () =>
        (
          await pool.query(`select 1 from agenda_jobs where name = $1 and last_finished_at is not null`, [
            PAYMENTS_RESCUE,
          ])
        ).rowCount === 1,
    );
    expect(
      (
        await pool.query(`select repeat_interval, failed_at, fail_reason from agenda_jobs where name = $1`, [
          PAYMENTS_RESCUE,
        ])
      ).rows,
    ).toEqual([{ repeat_interval: '20 seconds', failed_at: null, fail_reason: null }]);
    expect(rows).toEqual([
      { name: CHURN_NIGHTLY, n: '1', repeat: CHURN_NIGHTLY_CRON, future: true },
      { name: RECONCILE_COMPANY, n: '1', repeat: RECONCILE_CRON, future: true },
      expect.objectContaining({ name: SYNC_COMPANY, n: '1' }),
    ]);
  });

  it('stop() resolves once running jobs are drained', async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await expect(workers[0]!.stop()).resolves.toBeUndefined();
  });
});
