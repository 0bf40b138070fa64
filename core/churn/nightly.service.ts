// The nightly churn step for one company (the Agenda job calls it): close the outcome windows that ended,
// then score everyone and store the scores (training first when the model is missing or stale).
import type { Queryable } from '../db/queryable.ts';
import { closeOutcomes } from './outcomes.service.ts';
import { scoreCompany, type CompanyScores } from './scoring.service.ts';

export interface NightlyChurn {
  outcomesRecorded: number;
  scores: CompanyScores;
}

export async function nightlyChurn(
  conn: Queryable,
  companyId: number,
  opts: { asOf: Date; seed?: number },
): Promise<NightlyChurn> {
  const outcomesRecorded = await closeOutcomes(conn, companyId, opts.asOf);
  const scores = await scoreCompany(conn, companyId, { asOf: opts.asOf, seed: opts.seed, persist: true });
  return { outcomesRecorded, scores };
}
