// The churn section: the latest scoring summed up (core/reports churn.repository), the model that made it
// (core/churn describeModel), the "members saved" figure (core/churn companyMembersSaved) and how members
// messaged through "Reach out" fared (core/outreach). No names.
import { describeModel } from '../../churn/describe.ts';
import { companyMembersSaved } from '../../churn/outcomes.service.ts';
import type { Queryable } from '../../db/queryable.ts';
import { closedCasesByOutreach, outreachOutcomes } from '../../outreach/index.ts';
import type { ChurnJson } from '../report-json.ts';
import { latestScoringSummary, modelRunFacts } from './churn.repository.ts';

/** 'days_since_activity' -> 'days since activity'. */
export function factorLabel(feature: string): string {
  return feature.replaceAll('_', ' ');
}

export async function churnSection(db: Queryable, companyId: number, asOf: Date): Promise<ChurnJson> {
  const [summary, saved, reached] = await Promise.all([
    latestScoringSummary(db, companyId, asOf),
    companyMembersSaved(db, companyId, asOf),
    closedCasesByOutreach(db, companyId, asOf),
  ]);
  const run = summary ? await modelRunFacts(db, summary.modelRunId) : null;
  return {
    scoredAt: summary?.scoredAt.toISOString() ?? null,
    model: run ? describeModel(run.source, run.algorithm, run.metrics) : null,
    scored: summary?.scored ?? 0,
    levels: summary?.levels ?? { critical: 0, high: 0, medium: 0, low: 0 },
    buckets: summary?.buckets ?? Array<number>(10).fill(0),
    medianProbability: summary?.medianProbability ?? null,
    mainFactors: (summary?.mainFactors ?? []).map((f) => ({ factor: factorLabel(f.feature), members: f.members })),
    saved: {
      actioned: saved.actioned,
      actionedStayed: saved.actionedStayed,
      saved: saved.saved,
      sentence: saved.sentence,
    },
    outreach: outreachOutcomes(reached),
  };
}
