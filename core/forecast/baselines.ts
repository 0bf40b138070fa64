// The two baselines the forecast must beat (docs/metrics.md#forecast): the last value carried forward, and a straight line
// fitted by least squares to the whole history and extended.
import type { Forecaster, HorizonForecast } from './types.ts';

export function naiveForecast(history: readonly number[], horizon: number): HorizonForecast {
  const last = history[history.length - 1];
  if (last === undefined) throw new Error('naive forecast of an empty history');
  return { point: Array.from({ length: horizon }, () => last) };
}

/** Least-squares line y = a + b * t over t = 0..n-1. */
export function fitLine(y: readonly number[]): { intercept: number; slope: number } {
  const n = y.length;
  if (n === 0) throw new Error('line fit of an empty history');
  const meanT = (n - 1) / 2;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - meanT) * (y[t]! - meanY);
    sxx += (t - meanT) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: meanY - slope * meanT, slope };
}

export function linearForecast(history: readonly number[], horizon: number): HorizonForecast {
  const { intercept, slope } = fitLine(history);
  const n = history.length;
  return { point: Array.from({ length: horizon }, (_, i) => Math.max(0, intercept + slope * (n - 1 + i + 1))) };
}

export const naiveForecaster: Forecaster = { name: 'naive', forecast: naiveForecast };
export const linearForecaster: Forecaster = { name: 'linear', forecast: linearForecast };
