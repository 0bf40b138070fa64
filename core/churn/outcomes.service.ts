// Outcomes: when a prediction's 30-day window closes, record whether the member churned (the label rule
// of the features: counted at scoring, not counted 30 days later); and the "members saved" figure.
import type { Queryable } from '../db/queryable.ts';
import { snapshotFeatures } from './features.repository.ts';
import { closedHighRiskCases, openWindowsClosedBy, recordOutcomes } from './predictions.repository.ts';
import { membersSaved, type MembersSaved } from './saved.ts';

/** Records outcomes for every scoring whose window closed by asOf; returns predictions updated. */
export async function closeOutcomes(conn: Queryable, companyId: number, asOf: Date): Promise<number> {
  let updated = 0;
  for (const scoredAt of await openWindowsClosedBy(conn, companyId, asOf)) {
    // Labels at scoredAt come from the snapshot 30 days before scoredAt + 30 days.
    const rows = await snapshotFeatures(conn, companyId, new Date(scoredAt.getTime() + 30 * 86_400_000), [30]);
    const churned = rows.filter((r) => r.churned === true).map((r) => r.memberId);
    const stayed = rows.filter((r) => r.churned === false).map((r) => r.memberId);
    updated += await recordOutcomes(conn, companyId, scoredAt, churned, stayed);
  }
  return updated;
}

export async function companyMembersSaved(conn: Queryable, companyId: number, asOf: Date): Promise<MembersSaved> {
  return membersSaved(await closedHighRiskCases(conn, companyId, asOf));
}
