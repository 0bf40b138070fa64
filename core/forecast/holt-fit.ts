// Choosing the smoothing parameters by grid search. The criterion is the forecast error the method is used
// for: mean absolute error of the in-sample forecasts made from every origin at 1, 7 and 30 days ahead
// (summed over those horizons), not only the one-step error, so a trend that over-reacts to a week's noise
// is penalised where it hurts a 30-day forecast.
import { dampedSum, holtRun, type HoltParams } from './damped-holt.ts';

const alphas = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
const betas = [0, 0.01, 0.05, 0.1, 0.2, 0.4];
const phis = [0.8, 0.9, 0.95, 0.98, 1];

/** Origins before this index are left out of the criterion: the starting slope is still settling. */
export const warmUpDays = 7;

export const fitHorizons = [1, 7, 30];

/** Mean absolute error of the forecasts from origins warmUpDays.. at horizon h; null when there are none. */
function meanAbsError(
  y: readonly number[],
  levels: Float64Array,
  trends: Float64Array,
  phi: number,
  h: number,
): number | null {
  // holtPoint's arithmetic (level + dampedSum * trend), the damped sum computed once per horizon.
  const damped = dampedSum(phi, h);
  let sum = 0;
  let count = 0;
  for (let t = warmUpDays; t + h < y.length; t++) {
    sum += Math.abs(y[t + h]! - (levels[t]! + damped * trends[t]!));
    count++;
  }
  return count === 0 ? null : sum / count;
}

function criterion(y: readonly number[], params: HoltParams, levels: Float64Array, trends: Float64Array): number {
  holtRun(y, params, levels, trends);
  let total = 0;
  for (const h of fitHorizons) total += meanAbsError(y, levels, trends, params.phi, h) ?? 0;
  return total;
}

/** The grid point with the smallest criterion; ties go to the first in grid order. */
export function fitHolt(y: readonly number[]): HoltParams {
  let best: HoltParams = { alpha: alphas[0]!, beta: betas[0]!, phi: phis[0]! };
  let bestScore = Infinity;
  const levels = new Float64Array(y.length);
  const trends = new Float64Array(y.length);
  for (const phi of phis) {
    for (const alpha of alphas) {
      for (const beta of betas) {
        const params = { alpha, beta, phi };
        const score = criterion(y, params, levels, trends);
        if (score < bestScore) {
          bestScore = score;
          best = params;
        }
      }
    }
  }
  return best;
}
