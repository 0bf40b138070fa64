// The nightly and housekeeping jobs on a simulated company (demo/load): the sync job's rollups cover 90 days
// the first time, then only the days that can have changed (the same figures as a full rebuild), 31 days in
// the nightly reconcile; churn:nightly trains the company's model when missing or a week old (the pooled
// model for a small company) and scores everyone; outcomes:label records closed windows; retention:prune deletes only operational rows past their
// retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim } from '../../demo/sim/index.ts';
import { buildJobContext, type JobContext } from '../../server/jobs/context.ts';
import { runNightlyChurn } from '../../server/jobs/churn-nightly.ts';
import { labelOutcomes } from '../../server/jobs/outcomes-label.ts';
import { pruneRetention } from '../../server/jobs/retention-prune.ts';
import { refreshRollups } from '../../server/jobs/rollups-refresh.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const END = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('nightly jobs', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let companyId: number;
  /** A small community for the rollup windows (rolling up 90 days of it takes a moment). */
  let smallId: number;
  let ctx: (now: Date) => JobContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    companyId = (
      await loadCommunity(
        db.url,
        createSim({ seed: 'nightly', members: 900, months: 12, endDate: END, activityPerMemberPerMonth: 6 }),
      )
    ).companyId;
    smallId = (
      await loadCommunity(
        db.url,
        createSim({ seed: 'nightly-small', members: 120, months: 4, endDate: END, activityPerMemberPerMonth: 6 }),
      )
    ).companyId;
    const config = loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40) });
    ctx = (now) => buildJobContext({ config, pool, log: quiet, signal: new AbortController().signal, now: () => now });
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const engagementRows = async () =>
    (
      await pool.query(
        `select day::text, members, score_sum::int, active, idle, dormant from engagement_company_daily where company_id = $1 order by day`,
        [smallId],
      )
    ).rows;

  it('rolls up 90 days the first time, then only the days that can have changed, to the same figures', async () => {
    const first = await refreshRollups(pool, smallId, { asOf: new Date(END.getTime() - DAY), mode: 'incremental' });
    expect(first.map((s) => s.step)).toEqual(['revenue', 'engagement', 'content', 'statistics']);
    expect(first[1]!.detail).toMatch(/over 90 days$/);
    const next = await refreshRollups(pool, smallId, { asOf: END, mode: 'incremental' });
    expect(next[1]!.detail).toMatch(/over 3 days$/); // the day before the last rolled-up day, that day, and today
    const incremental = await engagementRows();
    expect(incremental.at(-1)).toMatchObject({ day: '2026-11-01' });
    expect(incremental).toHaveLength(91);
    expect(incremental.at(-1)!.active).toBeGreaterThan(0);
    // A first (90-day) rollup as of the same instant gives the same rows.
    await pool.query('delete from engagement_company_daily where company_id = $1', [smallId]);
    await refreshRollups(pool, smallId, { asOf: END, mode: 'incremental' });
    expect(await engagementRows()).toEqual(incremental.slice(1));
    const reconcile = await refreshRollups(pool, smallId, { asOf: END, mode: 'full' });
    expect(reconcile[1]!.detail).toMatch(/over 31 days$/);
  }, 120_000);

  it('churn:nightly scores a company too small for its own model with the pooled model, retrained weekly for everyone', async () => {
    const pooledRuns = async () =>
      (await pool.query<{ n: number }>('select count(*)::int as n from churn_model_runs where company_id is null'))
        .rows[0]!.n;
    const first = await runNightlyChurn(ctx(END), smallId, END);
    expect(first).toMatchObject({ retrained: 'pooled' });
    expect(first.scored).toBeGreaterThan(0);
    const nextDay = new Date(END.getTime() + DAY);
    expect((await runNightlyChurn(ctx(nextDay), smallId, nextDay)).retrained).toBeNull();
    expect(await pooledRuns()).toBe(1);
    const { rows } = await pool.query(
      'select distinct r.company_id from churn_predictions p join churn_model_runs r on r.id = p.model_run_id where p.company_id = $1',
      [smallId],
    );
    expect(rows).toEqual([{ company_id: null }]);
  }, 180_000);

  it('churn:nightly trains the company model when missing or a week old, and scores everyone', async () => {
    const runs = async () =>
      (
        await pool.query<{ n: number }>('select count(*)::int as n from churn_model_runs where company_id = $1', [
          companyId,
        ])
      ).rows[0]!.n;
    const first = await runNightlyChurn(ctx(END), companyId, END);
    expect(first.retrained).toBe('company');
    expect(first.scored).toBeGreaterThan(100);
    const {
      rows: [p],
    } = await pool.query<{ n: number }>(
      'select count(*)::int as n from churn_predictions where company_id = $1 and scored_at = $2',
      [companyId, END],
    );
    expect(p!.n).toBe(first.scored);
    const nextDay = new Date(END.getTime() + DAY);
    expect((await runNightlyChurn(ctx(nextDay), companyId, nextDay)).retrained).toBeNull();
    expect(await runs()).toBe(1);
    const weekLater = new Date(END.getTime() + 7 * DAY);
    expect((await runNightlyChurn(ctx(weekLater), companyId, weekLater)).retrained).toBe('company');
    expect(await runs()).toBe(2);
    // The pooled model trained for the small company the same night is not trained again.
    expect(
      (await pool.query<{ n: number }>('select count(*)::int as n from churn_model_runs where company_id is null'))
        .rows[0]!.n,
    ).toBe(1);
  }, 180_000);

  it('outcomes:label records the outcome of every prediction whose 30-day window closed, once', async () => {
    // Both companies were scored at END (the small one too); their windows closed 30 days later.
    const {
      rows: [open],
    } = await pool.query<{ n: number }>('select count(*)::int as n from churn_predictions where scored_at = $1', [END]);
    const after = new Date(END.getTime() + 30 * DAY);
    expect(await labelOutcomes(ctx(after), after)).toBe(open!.n);
    expect(await labelOutcomes(ctx(after), after)).toBe(0);
  }, 60_000);

  it('retention:prune deletes applied webhooks, old logs, finished one-off jobs, old deliveries and ended episodes only', async () => {
    const now = new Date('2027-06-01T00:00:00Z');
    const old = new Date(now.getTime() - 200 * DAY).toISOString();
    const recent = new Date(now.getTime() - DAY).toISOString();
    await pool.query(
      `insert into webhook_inbox (webhook_id, company_id, event_type, payload, received_at, applied_at, state) values
      ('w-old-applied', $3, 'payment.succeeded', '{}', $1, $1, 'applied'), ('w-old-unapplied', $3, 'payment.succeeded', '{}', $1, null, 'failed'),
      ('w-new', $3, 'payment.succeeded', '{}', $2, $2, 'applied')`,
      [old, recent, companyId],
    );
    await pool.query(
      `insert into agenda_logs (timestamp, level, event, job_name, message) values ($1, 'info', 'complete', 'x', 'old'), ($2, 'info', 'complete', 'x', 'new')`,
      [old, recent],
    );
    await pool.query(
      `insert into agenda_jobs (name, last_finished_at, next_run_at, repeat_interval) values
      ('one-off-old', $1, null, null), ('one-off-new', $2, null, null), ('repeating', $1, $2, '5 minutes')`,
      [old, recent],
    );
    await pool.query(
      `insert into deliveries (company_id, dedupe_key, platform, channel_id, kind, status, created_at) values
      ($1, 'daily_digest:2026-11-01:discord:1', 'discord', '1', 'daily_digest', 'posted', $2),
      ($1, 'daily_digest:2026-11-02:discord:1', 'discord', '1', 'daily_digest', 'claimed', $2),
      ($1, 'daily_digest:2027-05-31:discord:1', 'discord', '1', 'daily_digest', 'posted', $3)`,
      [companyId, old, recent],
    );
    const {
      rows: [pred],
    } = await pool.query<{ id: string; member_id: string }>(
      'select id, member_id from churn_predictions where company_id = $1 limit 1',
      [companyId],
    );
    await pool.query(
      `insert into churn_alerts (company_id, member_id, prediction_id, risk, started_at, ended_at) values
      ($1, $2, $3, 'critical', $4, $4), ($1, $2, $3, 'critical', $5, null)`,
      [companyId, pred!.member_id, pred!.id, old, recent],
    );
    await pool.query(
      `insert into payment_rescues (company_id, membership_id, payment_id, started_at, attempts, amount_minor, currency, outcome, outcome_at) values
      ($1, 901, 901, $2, 1, 1000, 'usd', 'lost', $2), ($1, 902, 902, $2, 1, 1000, 'usd', 'open', null), ($1, 903, 903, $3, 1, 1000, 'usd', 'recovered', $3)`,
      [companyId, old, recent],
    );

    expect(await pruneRetention(ctx(now), now)).toEqual({
      webhookInbox: 1,
      webhookIgnored: 0,
      webhookDead: 0,
      webhookOrphans: 0,
      agendaLogs: 1,
      finishedJobs: 1,
      deliveries: 1,
      endedEpisodes: 1,
      endedRescues: 1,
    });
    const left = async (sql: string) => (await pool.query(sql)).rows.map((r) => Object.values(r)[0]);
    expect(await left('select webhook_id from webhook_inbox order by 1')).toEqual(['w-new', 'w-old-unapplied']);
    expect(
      await left(`select name from agenda_jobs where name in ('one-off-old', 'one-off-new', 'repeating') order by 1`),
    ).toEqual(['one-off-new', 'repeating']);
    expect(await left('select dedupe_key from deliveries order by 1')).toEqual([
      'daily_digest:2026-11-02:discord:1',
      'daily_digest:2027-05-31:discord:1',
    ]);
    expect(await left('select ended_at from churn_alerts')).toEqual([null]);
    expect(await left('select membership_id from payment_rescues order by 1')).toEqual(['902', '903']);
    // Analytic history is kept whatever the tier.
    expect(
      Number(
        (await pool.query('select count(*) from activity_events where company_id = $1', [companyId])).rows[0].count,
      ),
    ).toBeGreaterThan(0);
  });
});
