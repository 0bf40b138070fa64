// Probability calibration, fitted on held-out predictions so that "70%" means 7 in 10 churn.
// Platt scaling (a logistic curve on the raw score) and isotonic regression (pool-adjacent-violators).
// Pure and deterministic; the fitted calibrators are plain JSON.

export interface PlattCalibrator {
  kind: 'platt';
  a: number;
  b: number;
}
/** Knots (increasing x) of a non-decreasing step curve, joined linearly and flat beyond the ends. */
export interface IsotonicCalibrator {
  kind: 'isotonic';
  x: number[];
  y: number[];
}
export type Calibrator = PlattCalibrator | IsotonicCalibrator;

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Platt (1999) with the target smoothing and Newton iterations of Lin, Lin & Weng (2007):
 * P(y = 1 | s) = sigmoid(a * s + b).
 */
export function fitPlatt(scores: readonly number[], labels: readonly number[]): PlattCalibrator {
  const positives = labels.reduce((s, y) => s + y, 0);
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  let a = 0;
  let b = Math.log((positives + 1) / (negatives + 1));
  const loss = (a1: number, b1: number) => {
    let l = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = a1 * scores[i]! + b1;
      // -[t log p + (1-t) log(1-p)] written stably
      l += z >= 0 ? (1 - t[i]!) * z + Math.log1p(Math.exp(-z)) : -t[i]! * z + Math.log1p(Math.exp(z));
    }
    return l;
  };
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let gA = 0,
      gB = 0,
      hAA = 1e-12,
      hAB = 0,
      hBB = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const p = sigmoid(a * scores[i]! + b);
      const d = p - t[i]!;
      const w = p * (1 - p);
      gA += d * scores[i]!;
      gB += d;
      hAA += w * scores[i]! * scores[i]!;
      hAB += w * scores[i]!;
      hBB += w;
    }
    if (Math.abs(gA) < 1e-9 && Math.abs(gB) < 1e-9) break;
    const det = hAA * hBB - hAB * hAB;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    let scale = 1;
    while (scale > 1e-10) {
      const next = loss(a - scale * stepA, b - scale * stepB);
      if (next <= current) {
        a -= scale * stepA;
        b -= scale * stepB;
        const improved = current - next;
        current = next;
        scale = improved < 1e-12 ? 0 : scale;
        break;
      }
      scale /= 2;
    }
    if (scale <= 1e-10) break; // no further decrease
  }
  return { kind: 'platt', a, b };
}

/** Isotonic regression of labels on scores by pool-adjacent-violators; equal scores are pooled first. */
export function fitIsotonic(scores: readonly number[], labels: readonly number[]): IsotonicCalibrator {
  const order = scores.map((_, i) => i).sort((i, j) => scores[i]! - scores[j]!);
  const blocks: { x: number; y: number; w: number }[] = [];
  for (let k = 0; k < order.length; ) {
    const s = scores[order[k]!]!;
    let sumY = 0,
      w = 0;
    while (k < order.length && scores[order[k]!] === s) {
      sumY += labels[order[k]!]!;
      w++;
      k++;
    }
    blocks.push({ x: s * w, y: sumY, w });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.y / prev.w < last.y / last.w) break;
      blocks.pop();
      prev.x += last.x;
      prev.y += last.y;
      prev.w += last.w;
    }
  }
  return { kind: 'isotonic', x: blocks.map((b) => b.x / b.w), y: blocks.map((b) => b.y / b.w) };
}

export function calibrate(calibrator: Calibrator, score: number): number {
  if (calibrator.kind === 'platt') return sigmoid(calibrator.a * score + calibrator.b);
  const { x, y } = calibrator;
  if (x.length === 0) return NaN;
  if (score <= x[0]!) return y[0]!;
  if (score >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0,
    hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= score) lo = mid;
    else hi = mid;
  }
  const f = (score - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + f * (y[hi]! - y[lo]!);
}
