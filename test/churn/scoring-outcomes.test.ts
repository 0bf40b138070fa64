// Scoring, outcomes, feedback and "members saved" on hand-built members, with a hand-made model run
// (logit = -2 + 4 x past_due on unscaled features) so every probability is known in advance.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackRows, recordFeedback } from '../../core/churn/feedback.repository.ts';
import { nightlyChurn } from '../../core/churn/nightly.service.ts';
import { closeOutcomes, companyMembersSaved } from '../../core/churn/outcomes.service.ts';
import { markActioned } from '../../core/churn/predictions.repository.ts';
import { saveModelRun } from '../../core/churn/runs.repository.ts';
import { scoreCompany, type CompanyScores } from '../../core/churn/scoring.service.ts';
import { NotFound } from '../../core/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type CompanyFixture, type Fixtures, type Row } from '../helpers/fixtures.ts';
import { handModel, handModelMetrics } from './hand-model.ts';

const asOf = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(asOf.getTime() + days * DAY);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

let db: TestDatabase;
let fx: Fixtures;
let pool: pg.Pool;
let co: CompanyFixture;
const m: Record<string, Row> = {};
let scores: CompanyScores;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await openFixtures(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  co = await fx.company();
  const plan = await co.plan({ price: 2000, periodDays: 30 });
  for (const name of ['ann', 'bob', 'cat', 'dov']) m[name] = await co.member({ name });
  // ann, bob, cat: the May 30 renewal failed (past due at June 1). ann and cat pay on June 3; bob never
  // does and loses access on June 13. dov renewed fine.
  for (const name of ['ann', 'bob', 'cat', 'dov']) {
    const ended = name === 'bob' ? { endedAt: at(12), status: 'expired' } : {};
    const sub = await co.subscribe(m[name]!, plan, { at: '2026-03-01T00:00:00Z', payments: 3, ...ended });
    if (name === 'dov') await co.payment(sub.membership, { paidAt: at(-2) });
    else if (name === 'bob') await co.failedPayment(sub.membership, { failedAt: at(-2) });
    else await co.payment(sub.membership, { paidAt: at(2), failedAt: at(-2) });
  }
  await saveModelRun(pool, {
    companyId: co.id,
    algorithm: 'logistic_regression',
    source: 'company',
    trainedAt: at(-1),
    seed: 1,
    model: handModel(),
    metrics: handModelMetrics,
  });
  scores = await scoreCompany(pool, co.id, { asOf, persist: true });
});

afterAll(async () => {
  await pool?.end();
  await fx?.close();
  await db?.drop();
});

const byName = (name: string) => scores.members.find((s) => s.memberId === m[name]!.id)!;

describe('scoreCompany', () => {
  it('scores every counted member with the stored model, riskiest first', () => {
    expect(scores.model.source).toBe('company');
    expect(scores.model.sentence).toMatch(/^model AUC 0\.83 on the last 90 days/);
    expect(scores.members).toHaveLength(4);
    expect(byName('bob').probability).toBeCloseTo(sigmoid(2), 10);
    expect(byName('dov').probability).toBeCloseTo(sigmoid(-2), 10);
    expect(scores.members.map((s) => s.risk)).toEqual(['critical', 'critical', 'critical', 'low']);
    expect(scores.members[3]!.memberId).toBe(m.dov!.id);
  });

  it('explains and acts on the failed renewal', () => {
    expect(byName('ann').factors.map((f) => f.sentence)).toEqual(['last renewal payment failed and is still unpaid']);
    expect(byName('ann').factors[0]!.contribution).toBeCloseTo(4, 10);
    expect(byName('ann').actions[0]).toMatchObject({ kind: 'payment_method_update', priority: 'critical' });
    expect(byName('dov').factors).toEqual([]);
  });

  it('stores the scores once per scoring time', async () => {
    expect(scores.saved).toBe(4);
    const again = await scoreCompany(pool, co.id, { asOf, persist: true });
    expect(again.saved).toBe(0);
    const stored = await pool.query<{ n: string; window: Date }>(
      'select count(*) as n, min(window_ends_at) as window from churn_predictions where company_id = $1',
      [co.id],
    );
    expect(Number(stored.rows[0]!.n)).toBe(4);
    expect(stored.rows[0]!.window.toISOString()).toBe(at(30).toISOString());
  });

  it('says no for a company that does not exist', async () => {
    await expect(scoreCompany(pool, 987_654, { asOf })).rejects.toThrow(NotFound);
  });
});

describe('outcomes and members saved', () => {
  it('records who churned when the window closes, and the saved figure against the unactioned rate', async () => {
    const ids = await pool.query<{ id: string; member_id: string }>(
      'select id, member_id from churn_predictions where company_id = $1',
      [co.id],
    );
    const predictionOf = (name: string) => Number(ids.rows.find((r) => Number(r.member_id) === m[name]!.id)!.id);
    expect(await markActioned(pool, co.id, predictionOf('ann'), at(1))).toBe(true);
    expect(await closeOutcomes(pool, co.id, at(29))).toBe(0); // window still open
    expect(await closeOutcomes(pool, co.id, at(30))).toBe(4);
    const outcomes = await pool.query<{ member_id: string; outcome_churned: boolean }>(
      'select member_id, outcome_churned from churn_predictions where company_id = $1',
      [co.id],
    );
    const churned = Object.fromEntries(
      outcomes.rows.map((r) => [Object.keys(m).find((k) => m[k]!.id === Number(r.member_id))!, r.outcome_churned]),
    );
    expect(churned).toEqual({ ann: false, bob: true, cat: false, dov: false });
    // critical: ann actioned and stayed; bob and cat not actioned, one of two churned -> 0.5 expected, 0 actual
    const saved = await companyMembersSaved(pool, co.id, at(30));
    expect(saved).toMatchObject({
      actioned: 1,
      actionedStayed: 1,
      unactioned: 2,
      unactionedChurnRate: 0.5,
      expectedChurnedIfUnactioned: 0.5,
      saved: 0.5,
    });
    expect(saved.sentence).toContain('1 of 1 at-risk members you acted on stayed');
  });

  it('runs the nightly step: outcomes first (none left open), then stored scores of who is counted now', async () => {
    const night = await nightlyChurn(pool, co.id, { asOf: at(30) });
    expect(night.outcomesRecorded).toBe(0);
    // bob lost access on June 13; ann and cat paid on June 3, dov on May 30
    expect(night.scores.members.map((s) => s.memberId).sort()).toEqual([m.ann!.id, m.cat!.id, m.dov!.id].sort());
    expect(night.scores.saved).toBe(3);
  });

  it('keeps "not at risk" feedback as a label for the next training', async () => {
    const predictions = await pool.query<{ id: string }>(
      'select id from churn_predictions where company_id = $1 and member_id = $2',
      [co.id, m.cat!.id],
    );
    await recordFeedback(pool, co.id, {
      memberId: m.cat!.id,
      predictionId: Number(predictions.rows[0]!.id),
      label: 'not_at_risk',
      givenBy: 'discord:42',
      at: at(1),
    });
    const rows = await feedbackRows(pool, co.id, at(10));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ memberId: m.cat!.id, offsetDays: 9, churned: false });
    await expect(
      recordFeedback(pool, co.id, { memberId: 999_999, label: 'contacted', givenBy: 'x', at: asOf }),
    ).rejects.toThrow();
  });
});
