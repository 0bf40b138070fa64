// The prior churn model and its update, without a database: the versioned prior loads and scores the same
// numbers every time (its own formula, by hand); the Bayesian update moves from the prior toward a
// company's outcomes by amounts worked out by hand; the baseline's ten features are the documented ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineFeatures } from '../../core/churn/baseline.ts';
import { featureNames } from '../../core/churn/features.ts';
import { probabilities, standardizeFor } from '../../core/churn/model.ts';
import { loadPrior, priorChurnModel, updatePrior } from '../../core/churn/prior.ts';
import { fitTowardPrior } from '../../core/churn/prior-fit.ts';
import { worldNames } from '../../demo/sim/worlds.ts';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('the versioned prior', () => {
  const prior = loadPrior();

  it('records its features, the worlds and seeds it saw, and its date', () => {
    expect(prior.featureNames).toEqual([...featureNames]);
    expect(prior.logistic.coefficients).toHaveLength(featureNames.length);
    for (const name of worldNames) expect(prior.worlds.map((w) => w.name)).toContain(name);
    for (const w of prior.worlds) expect(w.seed).toMatch(/^prior:/);
    expect(prior.trainedAt).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(prior.training.positives).toBeGreaterThan(0);
  });

  it("scores a row deterministically: sigmoid(intercept + coefficients . z), z by the prior's statistics", () => {
    // A company of one member: its statistics shrunk toward the prior's (weight 200 to 1) are nearly the prior's.
    const raw = featureNames.map((_, j) => j % 3);
    const model = priorChurnModel(prior);
    const z = standardizeFor(model, [raw]);
    const first = probabilities(model, z);
    expect(probabilities(model, standardizeFor(model, [raw]))).toEqual(first);
    const byHand = sigmoid(
      prior.logistic.intercept + z[0]!.reduce((s, v, j) => s + v * prior.logistic.coefficients[j]!, 0),
    );
    expect(first[0]).toBeCloseTo(byHand, 12);
    expect(model.scope).toBe('prior');
  });

  it('is itself when the install has no outcome yet', () => {
    const { model, metrics } = updatePrior(prior, []);
    expect(model.logistic).toEqual(prior.logistic);
    expect(metrics.outcome_rows).toBe(0);
    expect(metrics.auc).toBeUndefined();
  });
});

describe("the update toward a company's own outcomes", () => {
  // One feature; 100 rows at z = +1 of which 80 churned, 100 at z = -1 of which 20 churned. On its own the
  // data says intercept 0 and coefficient logit(0.8) = ln 4 = 1.3863. With a Gaussian prior of precision L
  // centred on 0, the coefficient b solves 200 (0.8 - sigmoid(b)) = L b (the intercept stays 0 by symmetry).
  const z: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 100; i++) {
    z.push([1], [-1]);
    y.push(i < 80 ? 1 : 0, i < 20 ? 1 : 0);
  }
  const zero = { intercept: 0, coefficients: [0] };

  it("with no prior weight finds the data's own coefficient, ln 4", () => {
    const fit = fitTowardPrior(z, y, zero, { coefficients: 0, intercept: 0 });
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(4), 6);
    expect(fit.intercept).toBeCloseTo(0, 6);
  });

  it('with a prior worth as much as the data stops at b = 0.2402, where 0.8 - sigmoid(b) = b', () => {
    const fit = fitTowardPrior(z, y, zero, { coefficients: 200, intercept: 1e-6 });
    expect(fit.coefficients[0]).toBeCloseTo(0.2402, 4);
    expect(fit.intercept).toBeCloseTo(0, 6);
  });

  it('moves from a prior of 3 toward ln 4, further as outcomes accrue', () => {
    // Precision 20 centred on 3. With n rows split as above, n (0.8 - sigmoid(b)) = 20 (b - 3):
    // 20 rows (8 of 10 and 2 of 10 churned): 0.8 - sigmoid(b) = b - 3 at b = 2.854 (sigmoid = 0.9455);
    // 200 rows: 10 (0.8 - sigmoid(b)) = b - 3 at b = 2.095 (sigmoid = 0.8905).
    const fromThree = { intercept: 0, coefficients: [3] };
    const fewZ = [...z.slice(0, 20)];
    const fewY: number[] = fewZ.map((_, i) => (i % 2 === 0 ? (i < 16 ? 1 : 0) : i < 4 ? 1 : 0));
    expect(fewY.reduce((a, b) => a + b, 0)).toBe(10);
    const few = fitTowardPrior(fewZ, fewY, fromThree, { coefficients: 20, intercept: 1e-6 }).coefficients[0]!;
    const many = fitTowardPrior(z, y, fromThree, { coefficients: 20, intercept: 1e-6 }).coefficients[0]!;
    expect(few).toBeCloseTo(2.854, 3);
    expect(many).toBeCloseTo(2.095, 3);
  });
});

describe('the plain baseline', () => {
  it('uses the ten features docs/benchmarks.md names', () => {
    const doc = readFileSync(new URL('../../docs/benchmarks.md', import.meta.url), 'utf8');
    const line = doc.split('\n').find((l) => l.startsWith("The baseline's ten features:"));
    expect(line).toBeDefined();
    const named = [...line!.matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1]);
    expect(named).toEqual([...baselineFeatures]);
    expect(new Set(baselineFeatures).size).toBe(10);
    for (const f of baselineFeatures) expect(featureNames).toContain(f);
  });
});
