// One sentence about a model run for /churn and the CLI: "model AUC 0.83 on the last 90 days".
import { formatNumber } from '../format/index.ts';
import type { Validation } from './train.ts';

/** Flat numbers for churn_model_runs.metrics. */
export function flattenValidation(v: Validation, extra: Record<string, number> = {}): Record<string, number> {
  const out: Record<string, number> = {
    auc: v.metrics.auc,
    brier: v.metrics.brier,
    ece: v.metrics.ece,
    precision_at_10: v.metrics.precision_at_10,
    n: v.metrics.n,
    positives: v.metrics.positives,
    test_snapshots: v.testSnapshots,
    test_days: v.testDays,
    train_rows: v.trainRows,
  };
  if (v.byAlgorithm.logistic_regression) {
    out.lr_auc = v.byAlgorithm.logistic_regression.auc;
    out.lr_brier = v.byAlgorithm.logistic_regression.brier;
  }
  if (v.byAlgorithm.random_forest) {
    out.rf_auc = v.byAlgorithm.random_forest.auc;
    out.rf_brier = v.byAlgorithm.random_forest.brier;
  }
  return { ...out, ...extra };
}

const algorithmWords: Record<string, string> = {
  logistic_regression: 'logistic regression',
  random_forest: 'random forest',
};

/** Whose outcomes the model learnt from, in words. */
function learntFrom(source: string, metrics: Record<string, number>): string {
  if (source === 'pooled') return 'pooled model (this community is too small or too new for its own)';
  if (source === 'company') return 'trained on this community';
  if (source !== 'prior') return `${source} model`;
  const outcomes = metrics.outcome_rows ?? 0;
  return outcomes > 0
    ? `starting model learnt from simulated communities, updated with ${formatNumber(outcomes)} member outcome${outcomes === 1 ? '' : 's'} from this install`
    : 'starting model learnt from simulated communities; no member outcome here yet to update it';
}

/**
 * `source`: the link of the scoring chain (core/churn/model-sources.ts) that scored. The rule-based score has no
 * validation to quote; it says what it is instead.
 */
export function describeModel(source: string, algorithm: string, metrics: Record<string, number>): string {
  if (source === 'rules')
    return 'rule-based score (no model could be had yet): cancellations, failed payments, inactivity and renewals due, in points';
  const how = `${algorithmWords[algorithm] ?? algorithm}, ${learntFrom(source, metrics)}`;
  if (!Number.isFinite(metrics.auc) && source === 'prior') return `model not yet validated on this install (${how})`;
  const auc = Number.isFinite(metrics.auc) ? (metrics.auc as number).toFixed(2) : 'n/a';
  const days = metrics.test_days ?? 90;
  const calibration = Number.isFinite(metrics.ece)
    ? `, calibration error ${((metrics.ece as number) * 100).toFixed(1)} pts`
    : '';
  return `model AUC ${auc} on the last ${days} days${calibration} (${how})`;
}
