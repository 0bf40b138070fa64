// Which model scores a company: the scoring chain. Each source offers a model for the company at asOf or
// declines (too little history); the first that offers one scores. The chain is one ordered list
// (SCORING_CHAIN): the company's own model, the install-wide model (the pooled model of every community once the
// install's outcomes can carry one, before that the shipped prior updated by them: prior.ts), and last the
// rule-based score (rule-score.ts), which always answers — so a company is never left without scores.
import type { Queryable } from '../db/queryable.ts';
import { topFactors, type RiskFactor } from './explain.ts';
import type { SnapshotRow } from './features.repository.ts';
import { logisticContributions } from './logistic.ts';
import { checkModel, probabilities, standardizeFor, type ChurnModel } from './model.ts';
import { freshEnoughToScore } from './model-freshness.ts';
import { ruleScore, RULE_SCORE_VERSION } from './rule-score.ts';
import { latestModelRun, latestRuleRun, saveModelRun, type ModelRun } from './runs.repository.ts';
import { paidMembershipsBy } from './paying-members.repository.ts';
import { PriorUnavailable, trainInstallModel } from './prior.ts';
import { COMPANY_MODEL_MINIMUM, snapshotOffsets, trainCompanyModel, type TrainRequest } from './training.service.ts';
import { InsufficientHistory } from './train.ts';

export interface ScoreOptions {
  asOf: Date;
  /** Write the scores to churn_predictions (the nightly job does). */
  persist?: boolean;
  seed?: number;
  /** Retrain when the newest usable model is older than this (default MODEL_MAX_AGE_DAYS, model-freshness.ts). */
  maxModelAgeDays?: number;
  training?: Omit<TrainRequest, 'asOf' | 'seed'>;
}

export interface ScoredRow {
  probability: number;
  factors: RiskFactor[];
}

/** A model ready to score: the stored run its predictions point at, and how it turns feature rows into scores. */
export interface ScoringModel {
  /** churn_model_runs.source of the run: 'company', 'pooled', 'rules', … */
  source: string;
  run: ModelRun;
  score(rows: readonly SnapshotRow[]): ScoredRow[];
}

export interface ModelSource {
  name: string;
  /** The model this source offers the company at opts.asOf, or null when it has none. */
  offer(conn: Queryable, companyId: number, opts: ScoreOptions): Promise<ScoringModel | null>;
}

/** A trained model (own or pooled) as a scorer: calibrated probabilities, logistic contributions as factors. */
export function learnedModel(run: ModelRun): ScoringModel {
  const model = run.model as ChurnModel;
  checkModel(model);
  return {
    source: run.source,
    run,
    score: (rows) => {
      const z = standardizeFor(
        model,
        rows.map((r) => r.raw),
      );
      const p = probabilities(model, z);
      return rows.map((r, i) => ({
        probability: p[i]!,
        factors: topFactors(logisticContributions(model.logistic, z[i]!), r.raw, r.context),
      }));
    },
  };
}

const fresh = (run: ModelRun | null, opts: ScoreOptions) =>
  run !== null && freshEnoughToScore(run.trainedAt, opts.asOf, opts.maxModelAgeDays) ? run : null;

const request = (opts: ScoreOptions): TrainRequest => ({ ...opts.training, asOf: opts.asOf, seed: opts.seed ?? 1 });

/**
 * False when the company cannot reach the own-model minimum of paying members at the newest training snapshot
 * (30 days back): a membership counts there only with a payment paid by then, so fewer such memberships than
 * the minimum rules it out without computing 12 snapshots (every night, for each small company).
 */
export async function mayHaveOwnModel(conn: Queryable, companyId: number, asOf: Date): Promise<boolean> {
  const newest = new Date(asOf.getTime() - snapshotOffsets(1)[0]! * 86_400_000);
  return (await paidMembershipsBy(conn, companyId, newest)) >= COMPANY_MODEL_MINIMUM.membersAtNewest;
}

/** The company's own model: a fresh stored one, else trained now when its history allows. */
export const ownModelSource: ModelSource = {
  name: 'company',
  async offer(conn, companyId, opts) {
    const stored = fresh(await latestModelRun(conn, 'company', companyId, opts.asOf), opts);
    if (stored) return learnedModel(stored);
    if (!(await mayHaveOwnModel(conn, companyId, opts.asOf))) return null;
    try {
      return learnedModel((await trainCompanyModel(conn, companyId, request(opts))).run);
    } catch (err) {
      if (err instanceof InsufficientHistory) return null;
      throw err;
    }
  },
};

/**
 * The install-wide model (source `pooled` or `prior`): a fresh stored one, else trained now from every live
 * company's labelled history — pooled once the install holds enough outcomes, else the prior updated by them.
 */
export const installModelSource: ModelSource = {
  name: 'install',
  async offer(conn, companyId, opts) {
    const stored = fresh(await latestModelRun(conn, 'pooled', companyId, opts.asOf), opts);
    if (stored) return learnedModel(stored);
    try {
      return learnedModel((await trainInstallModel(conn, request(opts))).run);
    } catch (err) {
      if (err instanceof InsufficientHistory || err instanceof PriorUnavailable) return null;
      throw err;
    }
  },
};

/** The rule-based score (rule-score.ts): always answers. Its stored run holds the rules' version, made once per company. */
export const ruleSource: ModelSource = {
  name: 'rules',
  async offer(conn, companyId, opts) {
    const model = { version: RULE_SCORE_VERSION, scope: 'rules' as const };
    const existing = await latestRuleRun(conn, companyId);
    const run =
      existing && (existing.model as { version?: number }).version === RULE_SCORE_VERSION
        ? existing
        : await saveModelRun(conn, {
            companyId,
            algorithm: 'rules',
            source: 'rules',
            trainedAt: opts.asOf,
            seed: 0,
            metrics: {},
            model,
          });
    return {
      source: 'rules',
      run,
      score: (rows) =>
        rows.map((r) => {
          const s = ruleScore(r.raw);
          return { probability: s.probability, factors: topFactors(s.contributions, r.raw, r.context) };
        }),
    };
  },
};

/** own -> install-wide (pooled, or prior) -> rules. A source added later goes before `rules`, the one that always answers. */
export const SCORING_CHAIN: readonly ModelSource[] = [ownModelSource, installModelSource, ruleSource];

/** The first model the chain offers for this company at opts.asOf. */
export async function chooseScoringModel(
  conn: Queryable,
  companyId: number,
  opts: ScoreOptions,
  chain: readonly ModelSource[] = SCORING_CHAIN,
): Promise<ScoringModel> {
  for (const source of chain) {
    const model = await source.offer(conn, companyId, opts);
    if (model) return model;
  }
  throw new Error('the scoring chain ended without a model: its last source must always answer');
}
