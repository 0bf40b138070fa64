// Training on simulated communities in a real database: a company's own model validates well and is
// deterministic per seed; it sees only its own company (adding another company changes nothing); a small
// company falls back to the pooled model, which carries no member or company identity.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreCompany } from '../../core/churn/scoring.service.ts';
import { InsufficientHistory } from '../../core/churn/train.ts';
import { trainCompanyModel, trainPooledModel } from '../../core/churn/training.service.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim } from '../../demo/sim/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { evaluateHeldOut, simOutcomes } from './sim-truth.ts';

const endDate = new Date('2026-06-01T00:00:00Z');
const bigSim = createSim({ seed: 11, members: 1500, months: 14, endDate });
const smallSim = createSim({ seed: 12, members: 60, months: 14, endDate });
const tuning = { skipForest: true };

let db: TestDatabase;
let pool: pg.Pool;
let big: number;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  big = (await loadCommunity(db.url, bigSim)).companyId;
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('a company model on simulated history', () => {
  it('validates on the last 90 days and is reproducible from its seed; sees only its company', async () => {
    const first = await trainCompanyModel(pool, big, { asOf: endDate, seed: 3, tuning });
    expect(first.scope).toBe('company');
    expect(first.run.metrics.auc).toBeGreaterThan(0.75);
    expect(first.run.metrics.ece).toBeLessThan(0.05);
    for (const key of ['brier', 'precision_at_10']) expect(Number.isFinite(first.run.metrics[key])).toBe(true);
    expect(first.sentence).toMatch(/^model AUC 0\.\d\d on the last 90 days/);

    const stored = await pool.query<{ model: unknown; company_id: string }>(
      'select model, company_id from churn_model_runs where id = $1',
      [first.run.id],
    );
    expect(Number(stored.rows[0]!.company_id)).toBe(big);
    expect(stored.rows[0]!.model).toEqual(first.run.model);

    const small = (await loadCommunity(db.url, smallSim)).companyId;
    const second = await trainCompanyModel(pool, big, { asOf: endDate, seed: 3, tuning });
    expect(second.run.id).not.toBe(first.run.id);
    expect(second.run.model).toEqual(first.run.model);
    expect(second.run.metrics).toEqual(first.run.metrics);

    await expect(trainCompanyModel(pool, small, { asOf: endDate, seed: 3, tuning })).rejects.toThrow(
      InsufficientHistory,
    );
  });

  it('ranks the held-out next 30 days nearly as well as the true hazard', async () => {
    const scores = await scoreCompany(pool, big, { asOf: endDate });
    const e = evaluateHeldOut(scores.members, simOutcomes(bigSim));
    expect(e.notSubscribedInTruth).toBe(0);
    expect(e.missed).toBe(0);
    expect(e.churned).toBeGreaterThan(20);
    expect(e.auc).toBeGreaterThan(e.oracleAuc - 0.05);
  });
});

describe('the pooled model', () => {
  it('scores a company too small for its own, carrying no identities', async () => {
    const small = await pool.query<{ id: string }>('select id from companies where whop_company_id = $1', [
      smallSim.company.id,
    ]);
    const smallId = Number(small.rows[0]!.id);
    const pooled = await trainPooledModel(pool, { asOf: endDate, seed: 3, tuning });
    expect(pooled.run.companyId).toBeNull();
    expect(pooled.run.metrics.companies).toBe(2);
    const json = JSON.stringify(pooled.run.model);
    for (const id of ['user_', 'mem_', 'mber_', 'biz_', bigSim.company.id]) expect(json).not.toContain(id);
    expect(pooled.run.model.standardizer).toBeNull();
    expect(pooled.run.model.prior?.mean).toHaveLength(pooled.run.model.featureNames.length);

    const scores = await scoreCompany(pool, smallId, { asOf: endDate });
    expect(scores.model.source).toBe('pooled');
    expect(scores.model.runId).toBe(pooled.run.id);
    expect(scores.model.sentence).toContain('pooled model');
    const members = await pool.query<{ whop_user_id: string }>(
      'select whop_user_id from members where company_id = $1',
      [smallId],
    );
    const ours = new Set(members.rows.map((r) => r.whop_user_id));
    expect(scores.members.length).toBeGreaterThan(5);
    expect(scores.members.every((s) => ours.has(s.whopUserId))).toBe(true);
  });
});
