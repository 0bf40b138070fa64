// Damped-trend exponential smoothing (Holt's linear method with a damped trend; ETS(A,Ad,N) in the
// error-correction form of Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 8.4):
//   forecast of y[t] from t-1:  l[t-1] + phi * b[t-1]        error e[t] = y[t] - that
//   l[t] = l[t-1] + phi * b[t-1] + alpha * e[t]             b[t] = phi * b[t-1] + alpha * beta * e[t]
//   h days ahead of t:          l[t] + (phi + phi^2 + ... + phi^h) * b[t]
// phi = 1 is Holt's undamped trend, so a straight line is followed exactly.

export interface HoltParams {
  alpha: number;
  beta: number;
  phi: number;
}

export interface HoltState {
  level: number;
  trend: number;
}

/** Days used to estimate the starting slope. */
const slopeWindow = 7;

/** phi + phi^2 + ... + phi^h. */
export function dampedSum(phi: number, h: number): number {
  if (phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/**
 * The smoothed level and trend after each observation, written into `levels` and `trends` (index t has seen
 * y[0..t]; both at least y.length long). The one implementation of the recurrence: the parameter search runs it
 * hundreds of times per forecast, so it fills reusable arrays instead of allocating a state per day.
 */
export function holtRun(y: readonly number[], params: HoltParams, levels: Float64Array, trends: Float64Array): void {
  const { alpha, beta, phi } = params;
  const first = y[0];
  if (first === undefined) return;
  const k = Math.min(y.length - 1, slopeWindow);
  let level = first;
  let trend = k > 0 ? (y[k]! - first) / k : 0;
  levels[0] = level;
  trends[0] = trend;
  for (let t = 1; t < y.length; t++) {
    const error = y[t]! - (level + phi * trend);
    level = level + phi * trend + alpha * error;
    trend = phi * trend + alpha * beta * error;
    levels[t] = level;
    trends[t] = trend;
  }
}

/** The smoothed state after each observation: states[t] has seen y[0..t]. */
export function holtStates(y: readonly number[], params: HoltParams): HoltState[] {
  const levels = new Float64Array(y.length);
  const trends = new Float64Array(y.length);
  holtRun(y, params, levels, trends);
  return Array.from(levels, (level, t) => ({ level, trend: trends[t]! }));
}

/** Point forecast h steps after a state. */
export function holtPoint(state: HoltState, phi: number, h: number): number {
  return state.level + dampedSum(phi, h) * state.trend;
}
