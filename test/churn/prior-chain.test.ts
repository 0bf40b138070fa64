// The model chain for a small community alone in its install: no own model, too few outcomes in the install
// for a pooled model, so the prior model updated by the community's own outcomes scores it, labelled as
// such; a brand-new install with no outcome at all is scored by the prior itself.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrior } from '../../core/churn/prior.ts';
import { scoreCompany } from '../../core/churn/scoring.service.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim, worlds } from '../../demo/sim/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const endDate = new Date('2026-06-01T00:00:00Z');
const dbs: TestDatabase[] = [];
let small: { pool: pg.Pool; companyId: number };
let fresh: { pool: pg.Pool; companyId: number };

async function install(members: number, months: number) {
  const db = await createTestDatabase();
  dbs.push(db);
  const sim = createSim({
    seed: `prior-chain:${months}`,
    members,
    months,
    endDate,
    world: worlds.renewal,
    activityPerMemberPerMonth: 6,
  });
  const companyId = (await loadCommunity(db.url, sim)).companyId;
  return { pool: new pg.Pool({ connectionString: db.url, max: 2 }), companyId };
}

beforeAll(async () => {
  small = await install(200, 8);
  fresh = await install(40, 1);
}, 180_000);

afterAll(async () => {
  await small?.pool.end();
  await fresh?.pool.end();
  for (const db of dbs) await db.drop();
});

describe('a small community alone in its install', () => {
  it('is scored by the prior updated with its own outcomes, and says so', async () => {
    const scores = await scoreCompany(small.pool, small.companyId, { asOf: endDate, persist: true });
    expect(scores.model.source).toBe('prior');
    expect(scores.model.sentence).toMatch(
      /starting model learnt from simulated communities, updated with [\d,]+ member outcomes from this install/,
    );
    expect(scores.members.length).toBeGreaterThan(30);
    for (const m of scores.members) {
      expect(m.probability).toBeGreaterThan(0);
      expect(m.probability).toBeLessThan(1);
    }
    const run = await small.pool.query<{
      company_id: string | null;
      model: { scope: string; logistic: { coefficients: number[] } };
      metrics: Record<string, number>;
    }>('select company_id, model, metrics from churn_model_runs where id = $1', [scores.model.runId]);
    expect(run.rows[0]!.company_id).toBeNull();
    expect(run.rows[0]!.model.scope).toBe('prior');
    expect(run.rows[0]!.metrics.outcome_rows).toBeGreaterThan(100);
    // Its own outcomes moved the coefficients off the prior's.
    expect(run.rows[0]!.model.logistic.coefficients).not.toEqual(loadPrior().logistic.coefficients);
    const saved = await small.pool.query<{ n: number }>(
      'select count(*)::int as n from churn_predictions where company_id = $1 and model_run_id = $2',
      [small.companyId, scores.model.runId],
    );
    expect(saved.rows[0]!.n).toBe(scores.members.length);
  });
});

describe('a brand-new install', () => {
  it('is scored by the prior itself before any outcome is known', async () => {
    // Five days before the end of a one-month history: no member was counted 30 days before.
    const scores = await scoreCompany(fresh.pool, fresh.companyId, {
      asOf: new Date(endDate.getTime() - 5 * 86_400_000),
    });
    expect(scores.model.source).toBe('prior');
    expect(scores.model.sentence).toBe(
      'model not yet validated on this install (logistic regression, starting model learnt from simulated communities; no member outcome here yet to update it)',
    );
    const run = await fresh.pool.query<{ model: { logistic: unknown } }>(
      'select model from churn_model_runs where id = $1',
      [scores.model.runId],
    );
    expect(run.rows[0]!.model.logistic).toEqual(loadPrior().logistic);
  });
});
