// The trainer on synthetic snapshot rows: time-based split, model choice, calibration, determinism per seed.
import { describe, expect, it } from 'vitest';
import { featureCount } from '../../core/churn/features.ts';
import { probabilities } from '../../core/churn/model.ts';
import { expectedCalibrationError, auc } from '../../core/churn/metrics.ts';
import { InsufficientHistory, trainChurnModel, type LabelledRow } from '../../core/churn/train.ts';
import { Rng } from '../../core/random.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Monthly snapshots; churn odds driven by features 0 (up) and 1 (down), the rest noise. */
function rows(snapshots: number, perSnapshot: number, seed: number): LabelledRow[] {
  const rng = new Rng(seed);
  const out: LabelledRow[] = [];
  for (let s = 1; s <= snapshots; s++) {
    for (let i = 0; i < perSnapshot; i++) {
      const z = Array.from({ length: featureCount }, () => rng.normal());
      out.push({ offsetDays: 30 * s, z, label: rng.chance(sigmoid(-2.2 + 1.5 * z[0]! - 1.0 * z[1]!)) ? 1 : 0 });
    }
  }
  return out;
}

const options = { seed: 7, scope: 'company' as const, standardizer: null, prior: null };

describe('trainChurnModel', () => {
  const data = rows(8, 1500, 1);
  const { model, validation } = trainChurnModel(data, options);

  it('tests on the newest three snapshots, the last 90 days', () => {
    expect(validation.testSnapshots).toBe(3);
    expect(validation.testDays).toBe(90);
    expect(validation.metrics.n).toBe(3 * 1500);
    // fitted on snapshots older than the calibration one (120 days): 150..240
    expect(validation.trainRows).toBe(4 * 1500);
  });

  it('learns the direction of each feature and keeps the better-validated algorithm', () => {
    expect(model.logistic.coefficients[0]).toBeGreaterThan(1.2);
    expect(model.logistic.coefficients[1]).toBeLessThan(-0.7);
    expect(Math.abs(model.logistic.coefficients[5]!)).toBeLessThan(0.2);
    const lr = validation.byAlgorithm.logistic_regression!;
    const rf = validation.byAlgorithm.random_forest!;
    expect(model.algorithm).toBe(lr.brier <= rf.brier ? 'logistic_regression' : 'random_forest');
    expect(validation.metrics).toEqual(validation.byAlgorithm[model.algorithm]);
  });

  it('gives calibrated probabilities on fresh data from the same process', () => {
    const fresh = rows(1, 20_000, 99);
    const p = probabilities(
      model,
      fresh.map((r) => r.z),
    );
    const y = fresh.map((r) => r.label);
    const truth = fresh.map((r) => sigmoid(-2.2 + 1.5 * r.z[0]! - 1.0 * r.z[1]!));
    expect(expectedCalibrationError(p, y)).toBeLessThan(0.02);
    expect(auc(p, y)).toBeGreaterThan(auc(truth, y) - 0.02);
  });

  it('is deterministic for a seed, and the seed is used', () => {
    expect(trainChurnModel(data, options)).toEqual({ model, validation });
    const other = trainChurnModel(data, { ...options, seed: 8 });
    expect(other.validation.byAlgorithm.random_forest).not.toEqual(validation.byAlgorithm.random_forest);
  });

  it('uses extra rows (feedback) for fitting only, never for testing', () => {
    const extra: LabelledRow[] = Array.from({ length: 300 }, (_, i) => ({
      offsetDays: 10 + (i % 200),
      z: new Array(featureCount).fill(i % 2),
      label: 0,
    }));
    const withExtra = trainChurnModel(data, { ...options, skipForest: true, extraFitRows: extra });
    expect(withExtra.validation.metrics.n).toBe(3 * 1500);
    // only the extra rows older than the calibration snapshot (120 days) join the validation fit
    expect(withExtra.validation.trainRows).toBe(4 * 1500 + extra.filter((r) => r.offsetDays > 120).length);
  });

  it('refuses fewer than three labelled snapshots', () => {
    expect(() => trainChurnModel(rows(2, 200, 3), options)).toThrow(InsufficientHistory);
  });
});
