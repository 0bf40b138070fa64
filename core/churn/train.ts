// Training and validating a churn model on labelled snapshot rows, pure and deterministic given the seed.
// Time-based: with snapshots newest first, the newest `testSnapshots` are the test set, the one before
// them calibrates, the older ones fit. Logistic regression and a random forest are both validated; the
// one with the lower Brier score on the test set is kept, then refitted the same way shifted to the
// newest data (fit on all but the newest snapshot, calibrate on the newest).
import { PulseError } from '../errors.ts';
import { Rng } from '../random.ts';
import { chooseCalibrator } from './calibrator-choice.ts';
import { featureCount, featureNames } from './features.ts';
import { trainForest } from './forest.ts';
import { trainLogistic } from './logistic.ts';
import { validationMetrics, type ValidationMetrics } from './metrics.ts';
import { rawScores, type Algorithm, type ChurnModel, type ModelScope } from './model.ts';
import type { Standardizer, StandardizerPrior } from './standardize.ts';
import { calibrate } from './calibration.ts';

export interface LabelledRow {
  /** Snapshot age in days before asOf (larger = older). */
  offsetDays: number;
  /** Standardised model inputs. */
  z: number[];
  label: number;
}

export interface TrainOptions {
  seed: number;
  scope: ModelScope;
  standardizer: Standardizer | null;
  prior: StandardizerPrior | null;
  /** Newest snapshots held out for the test (default 3: "the last 90 days" with monthly snapshots). */
  testSnapshots?: number;
  /** Rows the logistic regression is fitted on at most (a seeded sample beyond; default 20,000). */
  logisticMaxRows?: number;
  /** Skip the random forest challenger. */
  skipForest?: boolean;
  /** Labelled rows that only ever train (creators' feedback): in the validation fit when older than the
   * calibration snapshot, always in the final fit. */
  extraFitRows?: readonly LabelledRow[];
}

export interface Validation {
  algorithm: Algorithm;
  metrics: ValidationMetrics;
  byAlgorithm: Partial<Record<Algorithm, ValidationMetrics>>;
  testSnapshots: number;
  testDays: number;
  trainRows: number;
}

/** Too little labelled history to train (and validate) a model. */
export class InsufficientHistory extends PulseError {}

function sample<T>(rows: readonly T[], max: number, seed: number): T[] {
  if (rows.length <= max) return [...rows];
  const rng = new Rng(seed);
  const idx = rows.map((_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(idx.length - i);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, max)
    .sort((a, b) => a - b)
    .map((i) => rows[i]!);
}

/** The logistic model is fitted when it scores, and for the final model (it explains every prediction). */
function fitBase(
  algorithm: Algorithm,
  rows: readonly LabelledRow[],
  opts: TrainOptions,
  salt: number,
  explain: boolean,
) {
  const lrRows = sample(rows, opts.logisticMaxRows ?? 20_000, opts.seed + salt);
  const logistic =
    algorithm === 'logistic_regression' || explain
      ? trainLogistic(
          lrRows.map((r) => r.z),
          lrRows.map((r) => r.label),
          featureCount,
        )
      : { intercept: 0, coefficients: [] }; // a forest being validated: never read
  const forest =
    algorithm === 'random_forest'
      ? trainForest(
          rows.map((r) => r.z),
          rows.map((r) => r.label),
          { seed: opts.seed + salt },
        )
      : null;
  return { algorithm, logistic, forest };
}

function fitCalibrated(
  algorithm: Algorithm,
  fit: readonly LabelledRow[],
  calib: readonly LabelledRow[],
  opts: TrainOptions,
  salt: number,
  explain = false,
) {
  const base = fitBase(algorithm, fit, opts, salt, explain);
  const scores = rawScores(
    base,
    calib.map((r) => r.z),
  );
  const calibrator = chooseCalibrator(
    scores,
    calib.map((r) => r.label),
    opts.seed + salt + 7,
  );
  return { ...base, calibrator };
}

export function trainChurnModel(
  rows: readonly LabelledRow[],
  opts: TrainOptions,
): { model: ChurnModel; validation: Validation } {
  const offsets = [...new Set(rows.map((r) => r.offsetDays))].sort((a, b) => a - b);
  if (offsets.length < 3) throw new InsufficientHistory(`${offsets.length} labelled snapshots; at least 3 are needed`);
  const testCount = Math.min(opts.testSnapshots ?? 3, offsets.length - 2);
  const testSet = new Set(offsets.slice(0, testCount));
  const calibOffset = offsets[testCount]!;
  const test = rows.filter((r) => testSet.has(r.offsetDays));
  const calib = rows.filter((r) => r.offsetDays === calibOffset);
  const extra = opts.extraFitRows ?? [];
  const fit = [...rows.filter((r) => r.offsetDays > calibOffset), ...extra.filter((r) => r.offsetDays > calibOffset)];
  const positives = (rs: readonly LabelledRow[]) => rs.reduce((s, r) => s + r.label, 0);
  if (positives(fit) === 0 || positives(calib) === 0)
    throw new InsufficientHistory('no churn in the training snapshots');

  const candidates: Algorithm[] = opts.skipForest ? ['logistic_regression'] : ['logistic_regression', 'random_forest'];
  const byAlgorithm: Partial<Record<Algorithm, ValidationMetrics>> = {};
  for (const [k, algorithm] of candidates.entries()) {
    const m = fitCalibrated(algorithm, fit, calib, opts, 101 * (k + 1));
    const p = rawScores(
      m,
      test.map((r) => r.z),
    ).map((s) => calibrate(m.calibrator, s));
    byAlgorithm[algorithm] = validationMetrics(
      p,
      test.map((r) => r.label),
    );
  }
  const algorithm = candidates.reduce((best, a) => (byAlgorithm[a]!.brier < byAlgorithm[best]!.brier ? a : best));

  const newest = offsets[0]!;
  const finalFit = [...rows.filter((r) => r.offsetDays > newest), ...extra];
  const final = fitCalibrated(
    algorithm,
    finalFit,
    rows.filter((r) => r.offsetDays === newest),
    opts,
    997,
    true,
  );
  const model: ChurnModel = {
    version: 1,
    scope: opts.scope,
    algorithm,
    featureNames: [...featureNames],
    standardizer: opts.standardizer,
    prior: opts.prior,
    logistic: final.logistic,
    forest: final.forest,
    calibrator: final.calibrator,
  };
  // Test snapshots span from the oldest of them to asOf, when the newest one's 30 days close.
  const testDays = offsets[testCount - 1]!;
  return {
    model,
    validation: {
      algorithm,
      metrics: byAlgorithm[algorithm]!,
      byAlgorithm,
      testSnapshots: testCount,
      testDays,
      trainRows: fit.length,
    },
  };
}
