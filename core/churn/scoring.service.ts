// Scoring every counted member of a company at asOf, in one call (nightly job, first sync, /churn, `pulse churn`):
// with the model the scoring chain offers (model-sources.ts: own model, pooled model, rule-based score), trained
// on demand when missing or older than `maxModelAgeDays`. Returns members riskiest first, each with the
// probability, risk level, top factors in words and recommended actions, and says which source scored them.
import type { Queryable } from '../db/queryable.ts';
import { companyExists } from '../companies/company.repository.ts';
import { NotFound } from '../errors.ts';
import { recommendActions, type RecommendedAction } from './actions.ts';
import { describeModel } from './describe.ts';
import type { RiskFactor } from './explain.ts';
import { snapshotFeatures } from './features.repository.ts';
import { chooseScoringModel, type ScoreOptions } from './model-sources.ts';
import { savePredictions } from './predictions.repository.ts';
import { riskLevel, type RiskLevel } from './risk.ts';

export { mayHaveOwnModel, type ScoreOptions } from './model-sources.ts';

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
  /** `source`: which link of the scoring chain scored ('company', 'pooled', 'rules', …). */
  model: {
    runId: number;
    source: string;
    algorithm: string;
    trainedAt: Date;
    metrics: Record<string, number>;
    sentence: string;
  };
  members: MemberScore[];
  /** Rows written to churn_predictions (0 unless persist). */
  saved: number;
}

async function requireCompany(conn: Queryable, companyId: number): Promise<void> {
  if (!(await companyExists(conn, companyId))) throw new NotFound(`no company ${companyId}`);
}

export async function scoreCompany(conn: Queryable, companyId: number, opts: ScoreOptions): Promise<CompanyScores> {
  await requireCompany(conn, companyId);
  const chosen = await chooseScoringModel(conn, companyId, opts);
  const rows = await snapshotFeatures(conn, companyId, opts.asOf, [0]);
  const scored = chosen.score(rows);
  const members: MemberScore[] = rows.map((r, i) => ({
    memberId: r.memberId,
    membershipId: r.membershipId,
    whopUserId: r.whopUserId,
    whopMembershipId: r.membershipWhopId,
    probability: scored[i]!.probability,
    risk: riskLevel(scored[i]!.probability),
    factors: scored[i]!.factors,
    actions: recommendActions(r.raw),
  }));
  members.sort((a, b) => b.probability - a.probability || a.memberId - b.memberId);
  const { run } = chosen;
  const saved = opts.persist ? await savePredictions(conn, companyId, run.id, opts.asOf, members) : 0;
  return {
    companyId,
    asOf: opts.asOf,
    members,
    saved,
    model: {
      runId: run.id,
      source: chosen.source,
      algorithm: run.algorithm,
      trainedAt: run.trainedAt,
      metrics: run.metrics,
      sentence: describeModel(chosen.source, run.algorithm, run.metrics),
    },
  };
}
