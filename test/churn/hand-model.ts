// A hand-made churn model for tests: logit = -2 + 4 x past_due on unscaled features, Platt a = 1, b = 0,
// so a member with an unpaid failed renewal scores sigmoid(2) and everyone else sigmoid(-2).
import { featureCount, featureNames } from '../../core/churn/features.ts';
import type { ChurnModel } from '../../core/churn/model.ts';

export function handModel(): ChurnModel {
  return {
    version: 1,
    scope: 'company',
    algorithm: 'logistic_regression',
    featureNames: [...featureNames],
    standardizer: { mean: new Array(featureCount).fill(0), sd: new Array(featureCount).fill(1) },
    prior: null,
    logistic: { intercept: -2, coefficients: featureNames.map((n) => (n === 'past_due' ? 4 : 0)) },
    forest: null,
    calibrator: { kind: 'platt', a: 1, b: 0 },
  };
}

export const handModelMetrics = { auc: 0.83, brier: 0.05, ece: 0.01, precision_at_10: 0.5, test_days: 90 };
