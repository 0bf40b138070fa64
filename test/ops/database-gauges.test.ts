// /metrics of the real app reads the webhook inbox backlog and lag and the latest churn models' quality from the
// database at scrape time, as aggregates (no company id in any label). Expected values worked out by hand below.
// Ages are measured from the scrape's now(): every row is written in one transaction (one now(), T1), so each
// age is its hand-worked value plus the same unknown delay d = scrape - T1, read back from one gauge and checked
// against all the others (and against d >= 0) — exact, however long the machine takes between the two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { parseSamples, sample } from './prometheus-text.ts';

describe('database gauges on /metrics', () => {
  let db: TestPool;
  let app: FastifyInstance;
  let text: string;
  /** When the rows were written (the transaction's now()), as Date.now() would say it. */
  let writtenAt: number;
  let scrapedBy: number;

  beforeAll(async () => {
    db = await withPool();
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const tx = await pool.connect();
    try {
      await tx.query('begin');
      writtenAt = (await tx.query<{ now: Date }>('select now()')).rows[0]!.now.getTime();
      const ids: number[] = [];
      for (const biz of ['biz_ops_a', 'biz_ops_b', 'biz_ops_c']) {
        ids.push(
          Number(
            (
              await tx.query<{ id: string }>(
                'insert into companies (whop_company_id, name) values ($1, $1) returning id',
                [biz],
              )
            ).rows[0]!.id,
          ),
        );
      }
      const [a, b, c] = ids;
      // Latest per scope: pooled 0.74 / 0.04 (1 day old; the older 0.70 run is superseded); A 0.81 / 0.03 (its older
      // 0.50 run superseded), B 0.55 / 0.12 (5 days old), C 0.66 / 0.07.
      const runs: Array<[number | null, number, number, number]> = [
        [null, 0.7, 0.05, 3],
        [null, 0.74, 0.04, 1],
        [a!, 0.5, 0.2, 10],
        [a!, 0.81, 0.03, 2],
        [b!, 0.55, 0.12, 5],
        [c!, 0.66, 0.07, 1],
      ];
      for (const [company, auc, ece, daysAgo] of runs) {
        await tx.query(
          `insert into churn_model_runs (company_id, algorithm, source, trained_at, seed, metrics, model)
          values ($1, 'logistic', case when $1::bigint is null then 'pooled' else 'company' end, now() - make_interval(days => $4), 1, jsonb_build_object('auc', $2::float8, 'ece', $3::float8, 'brier', 0.1), '{}')`,
          [company, auc, ece, daysAgo],
        );
      }
      // Inbox: one not counted as backlog (a company not in Pulse, 500 s old), four applied with lags 1, 2, 3 and
      // 10 s, one of company A failed once and waiting for 100 s.
      const inbox = (
        id: string,
        company: number | null,
        state: string,
        receivedAgo: number,
        lag: number | null,
        error: string | null,
      ) =>
        tx.query(
          `insert into webhook_inbox (webhook_id, company_id, whop_company_id, event_type, payload, state, received_at, applied_at, error)
         values ($1, $2, 'biz_ops_a', 'payment.succeeded', '{}', $3, now() - make_interval(secs => $4), now() - make_interval(secs => $4) + make_interval(secs => $5), $6)`,
          [id, company, state, receivedAgo, lag, error],
        );
      await inbox('msg_ignored', null, 'pending', 500, null, 'not applied: unknown company');
      await inbox('msg_lag1', a!, 'applied', 60, 1, null);
      await inbox('msg_lag2', a!, 'applied', 60, 2, null);
      await inbox('msg_lag3', a!, 'applied', 60, 3, null);
      await inbox('msg_lag10', a!, 'applied', 60, 10, null);
      await inbox('msg_pending', a!, 'failed', 100, null, 'a membership whose member or plan is not synced yet');
      await tx.query('commit');
    } finally {
      tx.release();
      await pool.end();
    }
    app = await buildApp({
      config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40) }),
      db: db.pool,
      logger: false,
    });
    text = (await app.metricsApp.inject({ method: 'GET', url: '/metrics' })).body;
    scrapedBy = Date.now();
  });
  /** d: seconds from the rows' now() to the scrape's, read from the pending webhook's age (100 s when written). */
  const delay = () => sample(text, 'pulse_webhook_inbox_oldest_pending_seconds')! - 100;
  afterAll(async () => {
    await app?.close();
    if (db) await db.pool.end();
    await db?.drop();
  });

  it('reports the database readable', () => {
    expect(sample(text, 'pulse_database_up')).toBe(1);
  });

  it('counts pending and ignored webhooks, the age of the oldest pending one and the apply lag', () => {
    expect(sample(text, 'pulse_webhook_inbox_unapplied', { state: 'pending' })).toBe(1);
    expect(sample(text, 'pulse_webhook_inbox_unapplied', { state: 'ignored' })).toBe(1);
    // The oldest pending one is 100 s + d old; d is no less than 0 and no more than the wall time that passed.
    const d = delay();
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual((scrapedBy - writtenAt) / 1000 + 0.001);
    // Lags 1, 2, 3, 10 and the pending one's 100 + d: median 3; p95 interpolates 10 + 0.8 x (100 + d - 10) = 82 + 0.8 d.
    expect(sample(text, 'pulse_webhook_apply_lag_seconds', { stat: 'p50' })).toBe(3);
    expect(sample(text, 'pulse_webhook_apply_lag_seconds', { stat: 'p95' })).toBeCloseTo(82 + 0.8 * d, 6);
    expect(sample(text, 'pulse_webhook_apply_lag_seconds', { stat: 'max' })).toBeCloseTo(100 + d, 6);
  });

  it('aggregates the latest churn models: pooled as is, companies as min / median / max', () => {
    expect(sample(text, 'pulse_churn_models', { scope: 'pooled' })).toBe(1);
    expect(sample(text, 'pulse_churn_models', { scope: 'company' })).toBe(3);
    expect(sample(text, 'pulse_churn_model_auc', { scope: 'pooled', stat: 'latest' })).toBeCloseTo(0.74, 10);
    expect(sample(text, 'pulse_churn_model_ece', { scope: 'pooled', stat: 'latest' })).toBeCloseTo(0.04, 10);
    expect(sample(text, 'pulse_churn_model_auc', { scope: 'company', stat: 'min' })).toBeCloseTo(0.55, 10);
    expect(sample(text, 'pulse_churn_model_auc', { scope: 'company', stat: 'median' })).toBeCloseTo(0.66, 10);
    expect(sample(text, 'pulse_churn_model_ece', { scope: 'company', stat: 'median' })).toBeCloseTo(0.07, 10);
    expect(sample(text, 'pulse_churn_model_ece', { scope: 'company', stat: 'max' })).toBeCloseTo(0.12, 10);
    expect(sample(text, 'pulse_churn_company_models_weak')).toBe(1);
    // The oldest of the companies' latest models is B's, 5 days + d; the pooled one 1 day + d.
    expect(sample(text, 'pulse_churn_model_age_seconds', { scope: 'company' })).toBeCloseTo(5 * 86_400 + delay(), 6);
    expect(sample(text, 'pulse_churn_model_age_seconds', { scope: 'pooled' })).toBeCloseTo(86_400 + delay(), 6);
  });

  it('puts no company or webhook id in any label', () => {
    const mine = parseSamples(text).filter((s) => /^pulse_(webhook|churn|database)_/.test(s.name));
    expect(mine.length).toBe(18); // up 1, unapplied 2, oldest 1, lag 3, models 2, auc 3, ece 3, age 2, weak 1
    expect(new Set(mine.flatMap((s) => Object.keys(s.labels)))).toEqual(new Set(['state', 'stat', 'scope']));
    expect(
      mine
        .flatMap((s) => Object.values(s.labels))
        .filter(
          (v) =>
            !['pending', 'ignored', 'p50', 'p95', 'max', 'min', 'median', 'latest', 'pooled', 'company'].includes(v),
        ),
    ).toEqual([]);
  });

  it('reports the database down, and no stale gauge, when it cannot be read', async () => {
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:9/none',
      connectionTimeoutMillis: 500,
    });
    pool.on('error', () => undefined);
    const { metricsRegistry } = await import('../../server/observability/index.ts');
    const down = await metricsRegistry(pool, { maxAgeMs: 0 }).metrics();
    await pool.end();
    expect(sample(down, 'pulse_database_up')).toBe(0);
    expect(sample(down, 'pulse_webhook_inbox_unapplied', { state: 'pending' })).toBeUndefined();
    expect(sample(down, 'pulse_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});
