// Pulse's MRR forecaster: damped-trend smoothing fitted to the history, with back-test residual bands.
import { holtPoint, holtStates } from './damped-holt.ts';
import { fitHolt } from './holt-fit.ts';
import { residualBands } from './residual-bands.ts';
import type { Forecaster, HorizonForecast } from './types.ts';

export const intervalCoverage = 0.8;

export function dampedHoltForecast(
  history: readonly number[],
  horizon: number,
): HorizonForecast & { params: ReturnType<typeof fitHolt> } {
  const params = fitHolt(history);
  const states = holtStates(history, params);
  const last = states[states.length - 1];
  if (last === undefined) throw new Error('damped-trend forecast of an empty history');
  const band = residualBands(history, states, params.phi, horizon, intervalCoverage);
  const scale = Math.abs(history[history.length - 1]!);
  const point: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    // MRR is never negative: clamp the point and both bounds at 0.
    const p = holtPoint(last, params.phi, h);
    point.push(Math.max(0, p));
    low.push(Math.max(0, p + band.low[h - 1]! * scale));
    high.push(Math.max(0, p + band.high[h - 1]! * scale));
  }
  return { point, low, high, params };
}

export const dampedHoltForecaster: Forecaster = { name: 'damped-trend', forecast: dampedHoltForecast };
