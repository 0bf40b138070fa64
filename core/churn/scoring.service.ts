// Scoring every counted member of a company at asOf, in one call (nightly job, /churn, `pulse churn`):
// the company's own model when it has one (trained on its history), else the install-wide model (pooled, or
// the prior updated by the install's outcomes: prior.ts); either is trained on demand when missing or older
// than `maxModelAgeDays`. Returns members riskiest first, each with
// the calibrated probability, risk level, top factors in words and recommended actions.
import type { Queryable } from '../db/queryable.ts';
import { companyExists } from '../companies/company.repository.ts';
import { NotFound } from '../errors.ts';
import { recommendActions, type RecommendedAction } from './actions.ts';
import { describeModel } from './describe.ts';
import { topFactors, type RiskFactor } from './explain.ts';
import { snapshotFeatures } from './features.repository.ts';
import { paidMembershipsBy } from './paying-members.repository.ts';
import { logisticContributions } from './logistic.ts';
import { checkModel, probabilities, standardizeFor, type ModelScope } from './model.ts';
import { savePredictions } from './predictions.repository.ts';
import { riskLevel, type RiskLevel } from './risk.ts';
import { freshEnoughToScore } from './model-freshness.ts';
import { latestModelRun, type ModelRun } from './runs.repository.ts';
import { COMPANY_MODEL_MINIMUM, snapshotOffsets, trainCompanyModel, type TrainRequest } from './training.service.ts';
import { trainInstallModel } from './prior.ts';
import { InsufficientHistory } from './train.ts';

export interface MemberScore {
  memberId: number;
  membershipId: number;
  whopUserId: string;
  whopMembershipId: string;
  probability: number;
  risk: RiskLevel;
  factors: RiskFactor[];
  actions: RecommendedAction[];
}

export interface CompanyScores {
  companyId: number;
  asOf: Date;
  model: { runId: number; scope: ModelScope; algorithm: string; trainedAt: Date; metrics: Record<string, number>; sentence: string };
  members: MemberScore[];
  /** Rows written to churn_predictions (0 unless persist). */
  saved: number;
}

export interface ScoreOptions {
  asOf: Date;
  /** Write the scores to churn_predictions (the nightly job does). */
  persist?: boolean;
  seed?: number;
  /** Retrain when the newest usable model is older than this (default MODEL_MAX_AGE_DAYS, model-freshness.ts). */
  maxModelAgeDays?: number;
  training?: Omit<TrainRequest, 'asOf' | 'seed'>;
}

async function requireCompany(conn: Queryable, companyId: number): Promise<void> {
  if (!await companyExists(conn, companyId)) throw new NotFound(`no company ${companyId}`);
}

/** The model to score this company with at asOf, training one when none is fresh enough. */
/**
 * False when the company cannot reach the own-model minimum of paying members at the newest training snapshot
 * (30 days back): a membership counts there only with a payment paid by then, so fewer such memberships than
 * the minimum rules it out without computing 12 snapshots (every night, for each small company).
 */
export async function mayHaveOwnModel(conn: Queryable, companyId: number, asOf: Date): Promise<boolean> {
  const newest = new Date(asOf.getTime() - snapshotOffsets(1)[0]! * 86_400_000);
  return await paidMembershipsBy(conn, companyId, newest) >= COMPANY_MODEL_MINIMUM.membersAtNewest;
}

export async function modelFor(conn: Queryable, companyId: number, opts: ScoreOptions): Promise<ModelRun> {
  const fresh = (run: ModelRun | null) =>
    run !== null && freshEnoughToScore(run.trainedAt, opts.asOf, opts.maxModelAgeDays) ? run : null;
  const own = fresh(await latestModelRun(conn, 'company', companyId, opts.asOf));
  if (own) return own;
  const request = { ...opts.training, asOf: opts.asOf, seed: opts.seed ?? 1 };
  if (await mayHaveOwnModel(conn, companyId, opts.asOf)) {
    try {
      return (await trainCompanyModel(conn, companyId, request)).run;
    } catch (err) {
      if (!(err instanceof InsufficientHistory)) throw err;
    }
  }
  return fresh(await latestModelRun(conn, 'pooled', companyId, opts.asOf)) ?? (await trainInstallModel(conn, request)).run;
}

export async function scoreCompany(conn: Queryable, companyId: number, opts: ScoreOptions): Promise<CompanyScores> {
  await requireCompany(conn, companyId);
  const run = await modelFor(conn, companyId, opts);
  const model = run.model;
  checkModel(model);
  const rows = await snapshotFeatures(conn, companyId, opts.asOf, [0]);
  const z = standardizeFor(model, rows.map((r) => r.raw));
  const p = probabilities(model, z);
  const members: MemberScore[] = rows.map((r, i) => ({
    memberId: r.memberId, membershipId: r.membershipId, whopUserId: r.whopUserId, whopMembershipId: r.membershipWhopId,
    probability: p[i]!, risk: riskLevel(p[i]!),
    factors: topFactors(logisticContributions(model.logistic, z[i]!), r.raw, r.context),
    actions: recommendActions(r.raw),
  }));
  members.sort((a, b) => b.probability - a.probability || a.memberId - b.memberId);
  const saved = opts.persist ? await savePredictions(conn, companyId, run.id, opts.asOf, members) : 0;
  return {
    companyId, asOf: opts.asOf, members, saved,
    model: { runId: run.id, scope: model.scope, algorithm: model.algorithm, trainedAt: run.trainedAt, metrics: run.metrics,
      sentence: describeModel(model.scope, model.algorithm, run.metrics) },
  };
}
