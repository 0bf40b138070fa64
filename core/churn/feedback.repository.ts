// Creators' feedback on predictions (churn_feedback). "Not at risk" becomes a training label: the member's
// features at the snapshot just before the feedback, labelled 0 while their 30 days are open, or with
// what happened once they are over (an outcome beats an opinion).
import type { Queryable } from '../db/queryable.ts';
import type { FeedbackLabel } from '../db/entities/churn.ts';
import { snapshotFeatures, type SnapshotRow } from './features.repository.ts';

export async function feedbackRows(conn: Queryable, companyId: number, asOf: Date): Promise<SnapshotRow[]> {
  const res = await conn.query<{ member_id: string; off: number }>(
    `select distinct member_id, ceil(extract(epoch from ($2::timestamptz - created_at)) / 86400)::int as off
     from churn_feedback where company_id = $1 and label = 'not_at_risk' and created_at < $2`,
    [companyId, asOf.toISOString()],
  );
  if (res.rows.length === 0) return [];
  const wanted = new Set(res.rows.map((r) => `${r.off}:${Number(r.member_id)}`));
  const offsets = [...new Set(res.rows.map((r) => r.off))];
  const rows = await snapshotFeatures(conn, companyId, asOf, offsets);
  return rows
    .filter((r) => wanted.has(`${r.offsetDays}:${r.memberId}`))
    .map((r) => ({ ...r, churned: r.churned ?? false }));
}

export interface FeedbackInput {
  memberId: number;
  predictionId?: number | null;
  label: FeedbackLabel;
  givenBy: string;
  at: Date;
}

/**
 * Stores feedback; "contacted" marks the prediction actioned, "snoozed" snoozes it for 7 days.
 * The prediction must belong to the same company and member.
 */
export async function recordFeedback(conn: Queryable, companyId: number, f: FeedbackInput): Promise<number> {
  const res = await conn.query<{ id: string }>(
    `insert into churn_feedback (company_id, member_id, prediction_id, label, given_by, created_at)
     select $1, m.id, p.id, $4, $5, $6 from members m
     left join churn_predictions p on p.id = $3 and p.company_id = $1 and p.member_id = m.id
     where m.id = $2 and m.company_id = $1
     returning id`,
    [companyId, f.memberId, f.predictionId ?? null, f.label, f.givenBy, f.at.toISOString()],
  );
  if (!res.rows[0]) throw new Error(`member ${f.memberId} is not in company ${companyId}`);
  if (f.predictionId && f.label === 'contacted') {
    await conn.query(
      'update churn_predictions set actioned_at = coalesce(actioned_at, $3) where id = $1 and company_id = $2',
      [f.predictionId, companyId, f.at.toISOString()],
    );
  }
  if (f.predictionId && f.label === 'snoozed') {
    await conn.query(
      `update churn_predictions set snoozed_until = $3::timestamptz + interval '7 days' where id = $1 and company_id = $2`,
      [f.predictionId, companyId, f.at.toISOString()],
    );
  }
  return Number(res.rows[0].id);
}
