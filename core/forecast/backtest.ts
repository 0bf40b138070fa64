// Rolling-origin back-test: from cut-offs every `step` days (the most recent first, the oldest with at least
// `minTrainDays` of history), each method forecasts from what was known up to and including the cut-off
// day, and is scored against what happened: MAPE at chosen horizons, and for methods with intervals the
// share of actual values (every horizon 1..maxHorizon) that fell inside the interval.
import type { Forecaster } from './types.ts';

export interface BacktestOptions {
  /** Horizons (days after the cut-off) at which MAPE is reported. */
  horizons: number[];
  /** Horizons 1..maxHorizon are forecast and count for interval coverage. */
  maxHorizon: number;
  step: number;
  minTrainDays: number;
}

export const defaultBacktestOptions: BacktestOptions = {
  horizons: [30, 90],
  maxHorizon: 90,
  step: 7,
  minTrainDays: 90,
};

export interface MethodScore {
  name: string;
  /** Mean absolute percentage error as a fraction (0.05 = 5%) per horizon; null with no scorable target. */
  mape: Record<number, number | null>;
  /** Cut-offs scored at each horizon (targets of 0 MRR are left out: their percentage error is undefined). */
  samples: Record<number, number>;
  /** Share of actuals inside the interval over every (cut-off, horizon) pair; null for methods without one. */
  coverage: number | null;
  coveragePairs: number;
}

export interface BacktestResult {
  cutoffs: number[];
  methods: MethodScore[];
}

/** Cut-off indexes (last known day), oldest first. */
export function cutoffIndexes(length: number, options: BacktestOptions): number[] {
  const out: number[] = [];
  for (let c = length - 2; c >= options.minTrainDays - 1; c -= options.step) out.push(c);
  return out.reverse();
}

function scoreMethod(
  y: readonly number[],
  method: Forecaster,
  cutoffs: number[],
  options: BacktestOptions,
): MethodScore {
  const errorSums = new Map<number, { sum: number; n: number }>(options.horizons.map((h) => [h, { sum: 0, n: 0 }]));
  let inside = 0;
  let pairs = 0;
  let hasInterval = false;
  for (const c of cutoffs) {
    const horizon = Math.min(options.maxHorizon, y.length - 1 - c);
    const f = method.forecast(y.slice(0, c + 1), horizon);
    for (let h = 1; h <= horizon; h++) {
      const actual = y[c + h]!;
      const acc = errorSums.get(h);
      if (acc && actual !== 0) {
        acc.sum += Math.abs(actual - f.point[h - 1]!) / Math.abs(actual);
        acc.n++;
      }
      if (f.low && f.high) {
        hasInterval = true;
        pairs++;
        if (actual >= f.low[h - 1]! && actual <= f.high[h - 1]!) inside++;
      }
    }
  }
  const mape: Record<number, number | null> = {};
  const samples: Record<number, number> = {};
  for (const [h, acc] of errorSums) {
    mape[h] = acc.n === 0 ? null : acc.sum / acc.n;
    samples[h] = acc.n;
  }
  return {
    name: method.name,
    mape,
    samples,
    coverage: hasInterval && pairs > 0 ? inside / pairs : null,
    coveragePairs: pairs,
  };
}

export function backtest(
  y: readonly number[],
  methods: Forecaster[],
  options: BacktestOptions = defaultBacktestOptions,
): BacktestResult {
  const cutoffs = cutoffIndexes(y.length, options);
  return { cutoffs, methods: methods.map((m) => scoreMethod(y, m, cutoffs, options)) };
}
