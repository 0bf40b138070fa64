// Metric functions against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { auc, brier, expectedCalibrationError, precisionAtTop } from '../../core/churn/metrics.ts';

describe('auc', () => {
  it('counts the share of positive-negative pairs ranked right', () => {
    // pos 0.35 beats 0.1 only; pos 0.8 beats both negatives: 3 of 4 pairs
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });
  it('counts a tie as half a pair', () => {
    // pairs: (0.5 v 0.5) = 1/2, (0.5 v 0.2) = 1, (0.9 v 0.5) = 1, (0.9 v 0.2) = 1 -> 3.5 / 4
    expect(auc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBeCloseTo(0.875, 12);
  });
  it('is 1 for a perfect ranking, 0 for a reversed one, NaN with one class', () => {
    expect(auc([0.1, 0.2, 0.3], [0, 1, 1])).toBe(1);
    expect(auc([0.1, 0.2, 0.3], [1, 0, 0])).toBe(0);
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('brier', () => {
  it('is the mean squared error of the probabilities', () => {
    // (0.1^2 + 0.2^2 + 0.6^2) / 3 = 0.41 / 3
    expect(brier([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(0.41 / 3, 12);
  });
});

describe('expected calibration error', () => {
  it('weights each bin gap by its share of members', () => {
    // bin 0: |0.05 - 0| x 1/4; bin 1: |0.15 - 0.5| x 2/4; bin 9: |0.95 - 1| x 1/4 -> 0.0125 + 0.175 + 0.0125
    expect(expectedCalibrationError([0.05, 0.15, 0.15, 0.95], [0, 1, 0, 1])).toBeCloseTo(0.2, 12);
  });
  it('puts a probability of exactly 1 in the last bin', () => {
    expect(expectedCalibrationError([1, 1], [1, 0])).toBeCloseTo(0.5, 12);
  });
});

describe('precision at the top 10%', () => {
  it('takes ceil(n / 10) highest scores', () => {
    const scores = Array.from({ length: 20 }, (_, i) => i + 1);
    const labels = scores.map((s) => (s === 20 || s === 5 ? 1 : 0));
    // top 2 = scores 20 (churned) and 19 (stayed)
    expect(precisionAtTop(scores, labels, 0.1)).toBe(0.5);
  });
  it('looks at one member at least', () => {
    expect(precisionAtTop([0.3, 0.9, 0.1], [0, 1, 0], 0.1)).toBe(1);
  });
});
