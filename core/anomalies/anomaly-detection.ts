// Anomaly detection for the daily anomaly alert: a metric's value on a day against the same weekday's
// usual range over the previous weeks. The usual range is median ± k·MAD (MAD scaled by 1.4826 so it
// estimates a standard deviation for normal data, robust to one odd week); a value is an anomaly when it
// lies outside that range AND moved at least `thresholdPct` percent from the median AND by at least the
// metric's absolute floor (so 1 signup against a usual 0 is not news). Pure: the series is passed in.
import type { Day } from '../period.ts';

export const anomalyMetrics = ['mrr', 'signups', 'active_members'] as const;
export type AnomalyMetric = (typeof anomalyMetrics)[number];

export interface AnomalySettings {
  /** Minimum move from the usual (median) value, in percent. */
  thresholdPct: number;
  /** Width of the usual range in scaled MADs. */
  madK: number;
  /** Same-weekday values looked back at. */
  weeks: number;
  /** Fewer past values than this: no verdict (a new company has no "usual" yet). */
  minWeeks: number;
  /** Smallest absolute move worth an alert, per metric (MRR in minor units). */
  minAbsolute: Record<AnomalyMetric, number>;
}

export const defaultAnomalySettings: AnomalySettings = {
  thresholdPct: 20,
  madK: 3,
  weeks: 8,
  minWeeks: 4,
  minAbsolute: { mrr: 1000, signups: 3, active_members: 3 },
};

export interface MetricDay {
  metric: AnomalyMetric;
  day: Day;
  value: number;
  /** The same weekday in earlier weeks (any order); missing weeks left out. */
  sameWeekday: number[];
}

export interface Anomaly {
  metric: AnomalyMetric;
  day: Day;
  value: number;
  /** The usual value (median of the same weekday) and the usual range around it. */
  usual: number;
  low: number;
  high: number;
  direction: 'up' | 'down';
  /** (value - usual) / usual, e.g. -0.23; null when the usual value is 0. */
  change: number | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation, scaled to estimate a standard deviation (× 1.4826). */
export function scaledMad(values: readonly number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

export function detectAnomaly(series: MetricDay, settings: AnomalySettings = defaultAnomalySettings): Anomaly | null {
  if (series.sameWeekday.length < settings.minWeeks || !Number.isFinite(series.value)) return null;
  const usual = median(series.sameWeekday);
  const spread = settings.madK * scaledMad(series.sameWeekday);
  const [low, high] = [usual - spread, usual + spread];
  const delta = series.value - usual;
  if (series.value >= low && series.value <= high) return null;
  if (Math.abs(delta) < settings.minAbsolute[series.metric]) return null;
  const change = usual === 0 ? null : delta / Math.abs(usual);
  if (change !== null && Math.abs(change) * 100 < settings.thresholdPct) return null;
  return {
    metric: series.metric,
    day: series.day,
    value: series.value,
    usual,
    low,
    high,
    direction: delta > 0 ? 'up' : 'down',
    change,
  };
}

/** Every anomaly among the metrics, largest relative move first (moves from a usual 0 first of all). */
export function detectAnomalies(
  series: readonly MetricDay[],
  settings: AnomalySettings = defaultAnomalySettings,
): Anomaly[] {
  const size = (a: Anomaly) => (a.change === null ? Infinity : Math.abs(a.change));
  return series
    .map((s) => detectAnomaly(s, settings))
    .filter((a): a is Anomaly => a !== null)
    .sort((a, b) => size(b) - size(a));
}
