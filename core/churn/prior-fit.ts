// Logistic regression pulled toward given coefficients: the maximum a posteriori fit under a Gaussian prior
// centred on them (precision `strength.coefficients` per standardised coefficient, `strength.intercept` on
// the intercept), by Newton's method with step halving on the penalised log-likelihood. With no rows it
// returns the prior itself; each labelled row adds about p(1 - p) of information per unit-variance feature,
// so as a company's outcomes accrue its own data outweighs the prior smoothly. With a zero-centred prior
// it is plain ridge regression (how the prior itself is trained). Pure and deterministic.
import { Matrix, solve } from 'ml-matrix';
import type { LogisticFit } from './logistic.ts';

export interface PriorStrength {
  /** Precision of the Gaussian prior on each standardised coefficient. */
  coefficients: number;
  /** Precision on the intercept (small: the base rate is the company's own as soon as it has outcomes). */
  intercept: number;
}

const log1pExp = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

export function fitTowardPrior(
  z: readonly (readonly number[])[],
  labels: readonly number[],
  prior: LogisticFit,
  strength: PriorStrength,
  maxIterations = 50,
): LogisticFit {
  const p = prior.coefficients.length;
  const target = [prior.intercept, ...prior.coefficients];
  const precision = [strength.intercept, ...new Array<number>(p).fill(strength.coefficients)];
  let beta = [...target];
  const objective = (b: readonly number[]) => {
    let f = 0;
    for (let i = 0; i < z.length; i++) {
      let eta = b[0]!;
      for (let j = 0; j < p; j++) eta += b[j + 1]! * z[i]![j]!;
      f += labels[i]! * eta - log1pExp(eta);
    }
    for (let j = 0; j <= p; j++) f -= 0.5 * precision[j]! * (b[j]! - target[j]!) ** 2;
    return f;
  };
  let current = objective(beta);
  for (let iter = 0; iter < maxIterations; iter++) {
    const g = beta.map((b, j) => -precision[j]! * (b - target[j]!));
    const h = Matrix.diag(precision);
    const x = new Array<number>(p + 1);
    for (let i = 0; i < z.length; i++) {
      x[0] = 1;
      for (let j = 0; j < p; j++) x[j + 1] = z[i]![j]!;
      let eta = 0;
      for (let j = 0; j <= p; j++) eta += beta[j]! * x[j]!;
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu);
      const r = labels[i]! - mu;
      for (let a = 0; a <= p; a++) {
        const xa = x[a]!;
        if (xa === 0) continue;
        g[a]! += r * xa;
        const wa = w * xa;
        for (let b = a; b <= p; b++) h.set(a, b, h.get(a, b) + wa * x[b]!);
      }
    }
    for (let a = 0; a <= p; a++) for (let b = 0; b < a; b++) h.set(a, b, h.get(b, a));
    const step = solve(h, Matrix.columnVector(g)).to1DArray();
    let scale = 1;
    let next = beta;
    let value = current;
    while (scale > 1e-6) {
      next = beta.map((b, j) => b + scale * step[j]!);
      value = objective(next);
      if (value >= current - 1e-12) break;
      scale /= 2;
    }
    if (scale <= 1e-6) break;
    const moved = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    current = value;
    if (moved < 1e-7) break;
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1) };
}
