// Validation metrics for probability forecasts of a binary outcome. Pure; labels are 0/1.

function checkLengths(scores: readonly number[], labels: readonly number[]): void {
  if (scores.length !== labels.length)
    throw new RangeError(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (Mann-Whitney U with average ranks). NaN when either class is absent.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  checkLengths(scores, labels);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between probability and outcome. */
export function brier(probabilities: readonly number[], labels: readonly number[]): number {
  checkLengths(probabilities, labels);
  if (probabilities.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / probabilities.length;
}

/**
 * Expected calibration error: probabilities put in `bins` equal-width bins over [0, 1] (1.0 goes in the
 * last); the count-weighted mean of |mean probability - observed rate| per bin.
 */
export function expectedCalibrationError(
  probabilities: readonly number[],
  labels: readonly number[],
  bins = 10,
): number {
  checkLengths(probabilities, labels);
  if (probabilities.length === 0) return NaN;
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]!++;
    sumP[b]! += p;
    sumY[b]! += labels[i]!;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b]! > 0) ece += Math.abs(sumP[b]! - sumY[b]!) / probabilities.length;
  }
  return ece;
}

/**
 * Share of positives among the top `fraction` of scores (ceil(n * fraction) members, at least one;
 * equal scores keep input order).
 */
export function precisionAtTop(scores: readonly number[], labels: readonly number[], fraction = 0.1): number {
  checkLengths(scores, labels);
  if (scores.length === 0) return NaN;
  const k = Math.max(1, Math.ceil(scores.length * fraction));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let hits = 0;
  for (let i = 0; i < k; i++) hits += labels[order[i]!]!;
  return hits / k;
}

export interface ValidationMetrics {
  auc: number;
  brier: number;
  ece: number;
  precision_at_10: number;
  /** Rows and positives the metrics were computed on. */
  n: number;
  positives: number;
}

export function validationMetrics(probabilities: readonly number[], labels: readonly number[]): ValidationMetrics {
  return {
    auc: auc(probabilities, labels),
    brier: brier(probabilities, labels),
    ece: expectedCalibrationError(probabilities, labels),
    precision_at_10: precisionAtTop(probabilities, labels, 0.1),
    n: labels.length,
    positives: labels.reduce((s, y) => s + y, 0),
  };
}
