// The back-test: cut-offs, MAPE by hand, interval coverage on noise, and a plain verdict.
import { describe, expect, it } from 'vitest';
import { backtest, cutoffIndexes, defaultBacktestOptions } from '../../core/forecast/backtest.ts';
import { linearForecaster, naiveForecaster } from '../../core/forecast/baselines.ts';
import { backtestMrrForecast } from '../../core/forecast/forecast-mrr.ts';
import { dailySeries, normals } from './series.ts';

describe('back-test', () => {
  it('takes cut-offs every step days back from the day before the last', () => {
    // length 100: the last cut-off is index 98 (one day left to score), then 91; 84 < 90 - 1 has too little history
    expect(cutoffIndexes(100, defaultBacktestOptions)).toEqual([89 + 2, 98]);
    expect(cutoffIndexes(80, defaultBacktestOptions)).toEqual([]);
  });

  it('scores MAPE at a horizon by hand', () => {
    // y = [100, 100, 110, 121], one-day horizon, cut-offs 1 and 2.
    // naive: from 1 -> 100 vs 110 (10/110); from 2 -> 110 vs 121 (11/121): both 1/11, MAPE 0.090909
    // line: from 1 -> flat 100 (10/110); from 2 -> fit [100, 100, 110]: slope 5, intercept 98.33, t=3 -> 113.33,
    //       |121 - 113.33| / 121 = 0.063361; MAPE (0.090909 + 0.063361) / 2 = 0.077135
    const r = backtest([100, 100, 110, 121], [naiveForecaster, linearForecaster], {
      horizons: [1],
      maxHorizon: 1,
      step: 1,
      minTrainDays: 2,
    });
    expect(r.cutoffs).toEqual([1, 2]);
    expect(r.methods[0]!.mape[1]).toBeCloseTo(1 / 11, 6);
    expect(r.methods[1]!.mape[1]).toBeCloseTo((10 / 110 + (121 - 340 / 3) / 121) / 2, 6);
    expect(r.methods[0]!.coverage).toBeNull();
  });

  it('holds about 80% of actuals in the 80% interval on a noisy trend', () => {
    // 730 days of 100,000 + 40 t plus independent noise of sd 2,000 (2% of the level)
    const noise = normals(7, 730);
    const series = dailySeries(
      '2024-01-01',
      noise.map((z, t) => Math.round(100_000 + 40 * t + 2_000 * z)),
    );
    const r = backtestMrrForecast(series);
    expect(r.cutoffs.length).toBeGreaterThan(80);
    expect(r.pulse.coverage!).toBeGreaterThan(0.72);
    expect(r.pulse.coverage!).toBeLessThan(0.88);
    // A straight line plus independent noise is the line's own model: least squares over all the history is the
    // best forecast there, and the verdict must say that the forecast does not beat it.
    expect(r.beatsLinear).toBe(false);
    expect(r.verdict).toMatch(/^The forecast does NOT beat both baselines/);
    expect(r.verdict).toMatch(/does not beat the straight line/);
  });

  it('beats both baselines on growth that levels off, and says so', () => {
    // growth of 300 a day for a year, then a plateau for a year, with small noise (sd 300):
    // the last value lags the trend while it grows and a straight line over the whole history overshoots the plateau.
    const noise = normals(11, 730);
    const series = dailySeries(
      '2024-01-01',
      noise.map((z, t) => Math.round(20_000 + 300 * Math.min(t, 365) + 300 * z)),
    );
    const r = backtestMrrForecast(series);
    expect(r.beatsNaive).toBe(true);
    expect(r.beatsLinear).toBe(true);
    expect(r.verdict).toMatch(/^The forecast beats both baselines/);
  });
});
