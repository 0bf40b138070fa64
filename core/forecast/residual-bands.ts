// Prediction intervals from the method's own past errors: from each recent origin t of the history, the
// forecast h days ahead is compared with what happened, the error taken relative to the level at the origin
// ((actual - forecast) / |y[t]|), and the interval for horizon h is that error's 10th..90th percentile
// (for 80%), applied to today's level. No normality assumption; it widens with h as the errors do.
// Only the last half year of origins counts: the errors of the business as it is now, not of its first
// months (on the simulated 24-month history, all origins gave intervals holding 91% instead of 80%).
import { holtPoint, type HoltState } from './damped-holt.ts';
import { warmUpDays } from './holt-fit.ts';

/** Fewer past errors than this at a horizon: scale the nearest shorter horizon's band by sqrt(h / h0). */
export const minSamplesPerHorizon = 10;
/** Origins per horizon whose errors count: the most recent ones. */
export const recentOrigins = 180;

/** Relative bounds for horizons 1..H (index h - 1): forecast + bound * |level today|. */
export interface RelativeBand {
  low: number[];
  high: number[];
}

/** The q-quantile (0..1) of ascending values, interpolating linearly between ranks (Hyndman-Fan type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no values');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function relativeErrors(y: readonly number[], states: readonly HoltState[], phi: number, h: number): number[] {
  const errors: number[] = [];
  for (let t = Math.max(warmUpDays, y.length - h - recentOrigins); t + h < y.length; t++) {
    const base = Math.abs(y[t]!);
    if (base === 0) continue;
    errors.push((y[t + h]! - holtPoint(states[t]!, phi, h)) / base);
  }
  return errors.sort((a, b) => a - b);
}

export function residualBands(
  y: readonly number[],
  states: readonly HoltState[],
  phi: number,
  horizon: number,
  coverage: number,
): RelativeBand {
  const tail = (1 - coverage) / 2;
  const low: number[] = [];
  const high: number[] = [];
  let lastGood: { h: number; low: number; high: number } | null = null;
  for (let h = 1; h <= horizon; h++) {
    const errors = relativeErrors(y, states, phi, h);
    if (errors.length >= minSamplesPerHorizon || (lastGood === null && errors.length > 0)) {
      lastGood = { h, low: quantile(errors, tail), high: quantile(errors, 1 - tail) };
      low.push(lastGood.low);
      high.push(lastGood.high);
    } else if (lastGood !== null) {
      const scale = Math.sqrt(h / lastGood.h);
      low.push(lastGood.low * scale);
      high.push(lastGood.high * scale);
    } else {
      low.push(0);
      high.push(0);
    }
  }
  // A short or fast-changing history can give errors of one sign only (every origin under-forecast): the
  // band would then sit wholly above or below the forecast it belongs to. It always contains the point.
  return { low: low.map((b) => Math.min(b, 0)), high: high.map((b) => Math.max(b, 0)) };
}
