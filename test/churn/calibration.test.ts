// Calibration: isotonic regression against a hand-worked pool, Platt recovering a known curve, and both
// turning a distorted score into probabilities that match observed rates on fresh data.
import { describe, expect, it } from 'vitest';
import { calibrate, fitIsotonic, fitPlatt } from '../../core/churn/calibration.ts';
import { chooseCalibrator } from '../../core/churn/calibrator-choice.ts';
import { expectedCalibrationError } from '../../core/churn/metrics.ts';
import { Rng } from '../../core/random.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Scores s ~ U(-3, 3) with P(y = 1) = sigmoid(2 s - 1). */
function draw(n: number, seed: number) {
  const rng = new Rng(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = rng.range(-3, 3);
    scores.push(s);
    labels.push(rng.chance(sigmoid(2 * s - 1)) ? 1 : 0);
  }
  return { scores, labels };
}

describe('isotonic calibration', () => {
  it('pools adjacent violators', () => {
    // labels 0,1,0,1 at scores 1..4: the 1 at 2 and the 0 at 3 pool to 0.5 at x = 2.5
    const c = fitIsotonic([1, 2, 3, 4], [0, 1, 0, 1]);
    expect(c.x).toEqual([1, 2.5, 4]);
    expect(c.y).toEqual([0, 0.5, 1]);
    expect(calibrate(c, 0)).toBe(0);
    expect(calibrate(c, 3.25)).toBeCloseTo(0.75, 12);
    expect(calibrate(c, 9)).toBe(1);
  });
  it('pools equal scores before anything else', () => {
    const c = fitIsotonic([2, 2, 2, 1], [1, 0, 0, 0]);
    expect(c.x).toEqual([1, 2]);
    expect(c.y[1]).toBeCloseTo(1 / 3, 12);
  });
});

describe('Platt scaling', () => {
  it('recovers the curve the labels were drawn from', () => {
    const { scores, labels } = draw(40_000, 11);
    const c = fitPlatt(scores, labels);
    expect(c.a).toBeCloseTo(2, 1);
    expect(c.b).toBeCloseTo(-1, 1);
  });
});

describe('calibrated probabilities mean what they say', () => {
  it.each(['platt', 'isotonic'] as const)('%s: 70% means about 70% on fresh data', (kind) => {
    // Distorted scores: sigmoid(raw) is far from the truth (Platt undoes affine distortions of the logit,
    // isotonic any monotone one).
    const fit = draw(30_000, 1);
    const fresh = draw(30_000, 2);
    const raw = kind === 'platt' ? (s: number) => 0.5 * s + 3 : (s: number) => Math.tanh(s / 2);
    expect(
      expectedCalibrationError(
        fresh.scores.map((s) => sigmoid(raw(s))),
        fresh.labels,
      ),
    ).toBeGreaterThan(0.2);
    const c = (kind === 'platt' ? fitPlatt : fitIsotonic)(fit.scores.map(raw), fit.labels);
    const p = fresh.scores.map((s) => calibrate(c, raw(s)));
    expect(expectedCalibrationError(p, fresh.labels)).toBeLessThan(0.02);
    const near70 = p.map((x, i) => ({ x, y: fresh.labels[i]! })).filter(({ x }) => x > 0.65 && x < 0.75);
    const rate = near70.reduce((s, r) => s + r.y, 0) / near70.length;
    expect(near70.length).toBeGreaterThan(500);
    expect(rate).toBeGreaterThan(0.66);
    expect(rate).toBeLessThan(0.74);
  });

  it('the choice between them is deterministic for a seed', () => {
    const { scores, labels } = draw(4_000, 5);
    expect(chooseCalibrator(scores, labels, 3)).toEqual(chooseCalibrator(scores, labels, 3));
  });
});
