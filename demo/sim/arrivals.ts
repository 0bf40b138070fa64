// When members join: a launch spike, steady growth and monthly seasonality, weekday rhythm.
// Member i of n joins at the (i + u)/n quantile of the arrival curve, so members come in join order.
import type { Rng } from '../../core/random.ts';
import { DAY_MS, momentInDay, SIGNUP_SEASON, weekdayFactor } from './time.ts';

export interface ArrivalCurve {
  firstDay: number;
  /** Cumulative intensity at the end of each day, normalised to 1. */
  cumulative: Float64Array;
}

export function arrivalCurve(startMs: number, endMs: number, growthPerYear = 0.7): ArrivalCurve {
  const firstDay = Math.floor(startMs / DAY_MS);
  const days = Math.max(1, Math.ceil(endMs / DAY_MS) - firstDay);
  const cumulative = new Float64Array(days);
  let total = 0;
  for (let d = 0; d < days; d++) {
    const month = new Date((firstDay + d) * DAY_MS).getUTCMonth();
    const w =
      Math.exp((growthPerYear * d) / 365) *
      SIGNUP_SEASON[month]! *
      weekdayFactor(firstDay + d) *
      (1 + 2 * Math.exp(-d / 10));
    total += w;
    cumulative[d] = total;
  }
  for (let d = 0; d < days; d++) cumulative[d] = cumulative[d]! / total;
  return { firstDay, cumulative };
}

/** Join moment of member `index` of `count`, inside [startMs, endMs). */
export function joinTime(
  curve: ArrivalCurve,
  index: number,
  count: number,
  rng: Rng,
  startMs: number,
  endMs: number,
): number {
  const u = (index + rng.float()) / count;
  const c = curve.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  const t = momentInDay(rng, (curve.firstDay + lo) * DAY_MS);
  return Math.min(endMs - 1, Math.max(startMs, t));
}
