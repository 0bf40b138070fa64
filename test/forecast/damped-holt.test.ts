// The smoothing recursions, quantiles and baselines against numbers worked by hand.
import { describe, expect, it } from 'vitest';
import { fitLine, linearForecast, naiveForecast } from '../../core/forecast/baselines.ts';
import { dampedSum, holtPoint, holtStates } from '../../core/forecast/damped-holt.ts';
import { quantile } from '../../core/forecast/residual-bands.ts';

describe('damped-trend smoothing', () => {
  it('follows the error-correction recursions', () => {
    // y = [10, 12, 11], alpha 0.5, beta 0.5, phi 0.9. Start: level 10, slope (11 - 10) / 2 = 0.5.
    // t=1: forecast 10 + 0.9*0.5 = 10.45, error 1.55; level 10.45 + 0.5*1.55 = 11.225; trend 0.45 + 0.25*1.55 = 0.8375
    // t=2: forecast 11.225 + 0.9*0.8375 = 11.97875, error -0.97875; level 11.97875 - 0.489375 = 11.489375;
    //      trend 0.75375 - 0.25*0.97875 = 0.5090625
    const states = holtStates([10, 12, 11], { alpha: 0.5, beta: 0.5, phi: 0.9 });
    expect(states[0]).toEqual({ level: 10, trend: 0.5 });
    expect(states[1]!.level).toBeCloseTo(11.225, 10);
    expect(states[1]!.trend).toBeCloseTo(0.8375, 10);
    expect(states[2]!.level).toBeCloseTo(11.489375, 10);
    expect(states[2]!.trend).toBeCloseTo(0.5090625, 10);
    // two days ahead: 11.489375 + (0.9 + 0.81) * 0.5090625 = 12.359871875
    expect(holtPoint(states[2]!, 0.9, 2)).toBeCloseTo(12.359871875, 10);
  });

  it('sums the damping factors', () => {
    expect(dampedSum(0.5, 3)).toBeCloseTo(0.5 + 0.25 + 0.125, 12);
    expect(dampedSum(1, 30)).toBe(30);
  });
});

describe('quantile', () => {
  it('interpolates between ranks', () => {
    // positions (4 - 1) * 0.1 = 0.3 -> 1 + 0.3 * (2 - 1); (4 - 1) * 0.9 = 2.7 -> 3 + 0.7 * (4 - 3)
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([5], 0.9)).toBe(5);
  });
});

describe('baselines', () => {
  it('naive carries the last value', () => {
    expect(naiveForecast([3, 9, 4], 3).point).toEqual([4, 4, 4]);
  });

  it('fits a least-squares line', () => {
    // y = [1, 2, 4] at t = 0, 1, 2: mean t 1, mean y 7/3; Sxy = (-1)(1 - 7/3) + (1)(4 - 7/3) = 3, Sxx = 2
    // slope 1.5, intercept 7/3 - 1.5 = 5/6; t = 3: 5/6 + 4.5 = 16/3
    const line = fitLine([1, 2, 4]);
    expect(line.slope).toBeCloseTo(1.5, 12);
    expect(line.intercept).toBeCloseTo(5 / 6, 12);
    expect(linearForecast([1, 2, 4], 2).point.map((v) => +v.toFixed(6))).toEqual([
      +(16 / 3).toFixed(6),
      +(41 / 6).toFixed(6),
    ]);
  });
});
