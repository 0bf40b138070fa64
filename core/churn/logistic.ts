// Logistic regression with ml-logistic-regression on standardised features. The library has no intercept
// (we add a column of ones), learns by plain gradient ascent on the summed log-likelihood, and is
// one-vs-all with flipped labels. Features are whitened first so sixty steps converge; the learnt
// coefficients are mapped back to the standardised features (for explanations). Deterministic: the
// library starts from zero weights and draws no random numbers.
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { fitWhitening, unwhitenCoefficients, whitenRow } from './whitening.ts';

/** logit P(churn) = intercept + sum_j coefficients[j] * z_j over standardised features z. */
export interface LogisticFit {
  intercept: number;
  coefficients: number[];
}

export interface LogisticOptions {
  /** Gradient steps (default 60; whitened features converge in fewer). */
  steps?: number;
  /** Step on the mean gradient; the library's rate is this / rows (default 4: the log-likelihood's curvature is at most 1/4). */
  stepSize?: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

export function trainLogistic(
  z: readonly (readonly number[])[],
  labels: readonly number[],
  columns: number,
  opts: LogisticOptions = {},
): LogisticFit {
  const positives = labels.reduce((s, y) => s + y, 0);
  if (positives === 0 || positives === labels.length) {
    // One class only: nothing to separate; the base rate, smoothed away from 0 and 1.
    return {
      intercept: logit((positives + 0.5) / (labels.length + 1)),
      coefficients: new Array<number>(columns).fill(0),
    };
  }
  const whitening = fitWhitening(z, columns);
  const x = new Matrix(z.map((row) => [1, ...whitenRow(whitening, row)]));
  const model = new LogisticRegression({
    numSteps: opts.steps ?? 60,
    learningRate: (opts.stepSize ?? 4) / labels.length,
  });
  model.train(x, Matrix.columnVector([...labels]));
  // classifiers[1] models "label is not 1" = "did not churn": negate its weights for logit P(churn).
  const weights = model.classifiers[1]!.weights.to1DArray().map((w) => -w);
  return { intercept: weights[0]!, coefficients: unwhitenCoefficients(whitening, weights.slice(1)) };
}

export function logisticLogit(fit: LogisticFit, z: readonly number[]): number {
  let s = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) s += fit.coefficients[j]! * z[j]!;
  return s;
}

/** Per-feature contribution to the logit: coefficient x standardised deviation from the mean. */
export function logisticContributions(fit: LogisticFit, z: readonly number[]): number[] {
  return fit.coefficients.map((c, j) => c * z[j]!);
}
