// The refresh after a sync, run twice on the pool the worker and demo use: the second run reuses the churn
// model trained by the first (a stored run is read back) and rebuilds every rollup idempotently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openPool } from '../../core/db/pool.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim } from '../../demo/sim/index.ts';
import { refreshCompany } from '../../core/pipeline/refresh.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let pool: pg.Pool;
let companyId: number;
const asOf = new Date('2026-11-01T12:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  const loaded = await loadCommunity(
    db.url,
    createSim({ seed: 5, members: 600, months: 12, endDate: '2026-11-01T00:00:00Z' }),
  );
  companyId = loaded.companyId;
  pool = openPool(db.url, { max: 4 });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('refreshCompany', () => {
  it('builds revenue, engagement, content and churn, then reuses the stored model', async () => {
    const first = await refreshCompany(pool, companyId, { asOf });
    expect(first.map((s) => s.step)).toEqual(['revenue', 'engagement', 'content', 'statistics', 'churn']);
    // The first build rewrote every rollup table: each is analyzed before anything reads it.
    expect(first[3]!.detail).toMatch(/^analyzed .*customer_mrr_spans.*engagement_daily/);
    expect(first[4]!.detail).toMatch(/^\d+ members scored; model AUC/);
    const runs = async () => Number((await pool.query('select count(*) from churn_model_runs')).rows[0].count);
    expect(await runs()).toBeGreaterThanOrEqual(1);
    const trained = await runs();
    const spans = Number(
      (await pool.query('select count(*) from customer_mrr_spans where company_id = $1', [companyId])).rows[0].count,
    );
    expect(spans).toBeGreaterThan(0);

    const second = await refreshCompany(pool, companyId, { asOf: new Date(asOf.getTime() + 3_600_000) });
    expect(second[4]!.detail).toMatch(/^\d+ members scored; model AUC/);
    expect(await runs()).toBe(trained);
    const predictions = Number(
      (await pool.query('select count(distinct scored_at) from churn_predictions where company_id = $1', [companyId]))
        .rows[0].count,
    );
    expect(predictions).toBe(2);
  });
});
