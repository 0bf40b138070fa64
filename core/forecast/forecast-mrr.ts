// The MRR forecast and its back-test over a plain daily series (no database, no clock: the forecast starts
// the day after the series' last day).
import {
  backtest,
  defaultBacktestOptions,
  type BacktestOptions,
  type BacktestResult,
  type MethodScore,
} from './backtest.ts';
import { linearForecaster, naiveForecaster } from './baselines.ts';
import type { HoltParams } from './damped-holt.ts';
import { dampedHoltForecast, dampedHoltForecaster, intervalCoverage } from './holt-forecaster.ts';
import { BadInput } from '../errors.ts';
import { addDays } from '../period.ts';
import { mrrValues } from './mrr-series.ts';
import type { DailyMrr, ForecastPoint } from './types.ts';

export const forecastMethod = 'damped-trend exponential smoothing, 80% interval from back-test error quantiles';
/** Fewer days than this and there is too little history to fit a trend and measure its errors. */
export const minForecastHistoryDays = 28;

export type MrrForecast =
  | { ok: true; method: string; params: HoltParams; lastDay: string; coverage: number; points: ForecastPoint[] }
  | { ok: false; reason: string; historyDays: number; neededDays: number };

export function forecastMrr(series: readonly DailyMrr[], horizon = 90): MrrForecast {
  if (!Number.isSafeInteger(horizon) || horizon < 1 || horizon > 365)
    throw new BadInput(`horizon must be 1 to 365 days, not ${horizon}`);
  const y = mrrValues(series);
  if (y.length < minForecastHistoryDays) {
    return {
      ok: false,
      reason: `a forecast needs ${minForecastHistoryDays} days of MRR history; there are ${y.length}`,
      historyDays: y.length,
      neededDays: minForecastHistoryDays,
    };
  }
  const lastDay = series[series.length - 1]!.day;
  const f = dampedHoltForecast(y, horizon);
  const points = f.point.map(
    (p, i): ForecastPoint => ({
      day: addDays(lastDay, i + 1),
      mrrMinor: Math.round(p),
      lowMinor: Math.round(f.low![i]!),
      highMinor: Math.round(f.high![i]!),
    }),
  );
  return { ok: true, method: forecastMethod, params: f.params, lastDay, coverage: intervalCoverage, points };
}

export interface MrrBacktest extends BacktestResult {
  pulse: MethodScore;
  naive: MethodScore;
  linear: MethodScore;
  beatsNaive: boolean;
  beatsLinear: boolean;
  /** In plain words: does the forecast beat both baselines at every horizon the history allows scoring? */
  verdict: string;
}

const percent = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Horizons at which every method has a MAPE. */
function scoredHorizons(methods: MethodScore[], horizons: number[]): number[] {
  return horizons.filter((h) => methods.every((m) => m.mape[h] != null));
}

/** True when a has the lower MAPE at every scored horizon (and there is one); a tie is not a win. */
function beats(a: MethodScore, b: MethodScore, horizons: number[]): boolean {
  return horizons.length > 0 && horizons.every((h) => a.mape[h]! < b.mape[h]!);
}

function verdictOf(
  r: BacktestResult,
  pulse: MethodScore,
  naive: MethodScore,
  linear: MethodScore,
  options: BacktestOptions,
): string {
  const scored = scoredHorizons([pulse, naive, linear], options.horizons);
  const unscored = options.horizons.filter((h) => !scored.includes(h));
  const missing =
    unscored.length === 0 ? '' : ` Not scored at ${unscored.join(' and ')} days: the history is too short.`;
  if (scored.length === 0) {
    return `Not back-tested: scoring a ${Math.min(...options.horizons)}-day forecast needs ${options.minTrainDays + Math.min(...options.horizons)} days of history.`;
  }
  const bn = beats(pulse, naive, scored);
  const bl = beats(pulse, linear, scored);
  const table = scored
    .map(
      (h) =>
        `${h} d: ${percent(pulse.mape[h])} vs naive ${percent(naive.mape[h])}, straight line ${percent(linear.mape[h])}`,
    )
    .join('; ');
  return (
    `${bn && bl ? 'The forecast beats' : 'The forecast does NOT beat'} both baselines ` +
    `(MAPE over ${r.cutoffs.length} cut-offs, ${table}; the 80% interval held ${percent(pulse.coverage)} of actuals).` +
    (bn && bl
      ? ''
      : ` It ${bn ? 'beats' : 'does not beat'} the naive forecast and ${bl ? 'beats' : 'does not beat'} the straight line.`) +
    missing
  );
}

export function backtestMrrForecast(
  series: readonly DailyMrr[],
  options: BacktestOptions = defaultBacktestOptions,
): MrrBacktest {
  const y = mrrValues(series);
  const result = backtest(y, [dampedHoltForecaster, naiveForecaster, linearForecaster], options);
  const [pulse, naive, linear] = result.methods as [MethodScore, MethodScore, MethodScore];
  const scored = scoredHorizons([pulse, naive, linear], options.horizons);
  const beatsNaive = beats(pulse, naive, scored);
  const beatsLinear = beats(pulse, linear, scored);
  return {
    ...result,
    pulse,
    naive,
    linear,
    beatsNaive,
    beatsLinear,
    verdict: verdictOf(result, pulse, naive, linear, options),
  };
}
