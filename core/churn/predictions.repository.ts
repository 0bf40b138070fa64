// churn_predictions: writing one night's scores in one statement, and the outcome bookkeeping on them.
import type { Queryable } from '../db/queryable.ts';

/**
 * What one stored prediction holds. The scorer's MemberScore has this shape; it is declared here so that the
 * repository does not import the scoring service that calls it.
 */
export interface PredictionToSave {
  memberId: number;
  membershipId: number;
  probability: number;
  risk: string;
  factors: readonly unknown[];
  actions: readonly unknown[];
}

/** Inserts the scores of one scoring run (skipped when that company and time are already stored). */
export async function savePredictions(
  conn: Queryable,
  companyId: number,
  modelRunId: number,
  scoredAt: Date,
  members: readonly PredictionToSave[],
): Promise<number> {
  const windowEndsAt = new Date(scoredAt.getTime() + 30 * 86_400_000);
  const res = await conn.query<{ n: number }>(
    `with input as (
       select * from unnest($4::bigint[], $5::bigint[], $6::float8[], $7::text[], $8::jsonb[], $9::jsonb[])
         as t(member_id, membership_id, probability, risk, factors, actions)
     ), inserted as (
       insert into churn_predictions (company_id, member_id, membership_id, model_run_id, scored_at, probability, risk, factors, actions, window_ends_at)
       select $1, i.member_id, i.membership_id, $2, $3, i.probability, i.risk, i.factors, i.actions, $10
       from input i
       where not exists (select 1 from churn_predictions p where p.company_id = $1 and p.scored_at = $3)
       returning 1
     )
     select count(*)::int as n from inserted`,
    [
      companyId,
      modelRunId,
      scoredAt.toISOString(),
      members.map((m) => m.memberId),
      members.map((m) => m.membershipId),
      members.map((m) => m.probability),
      members.map((m) => m.risk),
      members.map((m) => JSON.stringify(m.factors)),
      members.map((m) => JSON.stringify(m.actions)),
      windowEndsAt.toISOString(),
    ],
  );
  return res.rows[0]!.n;
}

/** The prediction was acted on (an alert button, a DM sent). */
export async function markActioned(
  conn: Queryable,
  companyId: number,
  predictionId: number,
  at: Date,
): Promise<boolean> {
  const res = await conn.query(
    'update churn_predictions set actioned_at = coalesce(actioned_at, $3) where id = $1 and company_id = $2 returning id',
    [predictionId, companyId, at.toISOString()],
  );
  return res.rows.length === 1;
}

/** Distinct scoring times whose 30-day window has closed by asOf with the outcome not yet recorded. */
export async function openWindowsClosedBy(conn: Queryable, companyId: number, asOf: Date): Promise<Date[]> {
  const res = await conn.query<{ scored_at: Date }>(
    `select distinct scored_at from churn_predictions
     where company_id = $1 and window_ends_at <= $2 and outcome_churned is null order by scored_at`,
    [companyId, asOf.toISOString()],
  );
  return res.rows.map((r) => r.scored_at);
}

export async function recordOutcomes(
  conn: Queryable,
  companyId: number,
  scoredAt: Date,
  churnedMemberIds: readonly number[],
  stayedMemberIds: readonly number[],
): Promise<number> {
  const res = await conn.query(
    `update churn_predictions p set outcome_churned = (p.member_id = any($3::bigint[]))
     where p.company_id = $1 and p.scored_at = $2 and p.outcome_churned is null
       and (p.member_id = any($3::bigint[]) or p.member_id = any($4::bigint[]))
     returning p.id`,
    [companyId, scoredAt.toISOString(), [...churnedMemberIds], [...stayedMemberIds]],
  );
  return res.rows.length;
}

export interface ClosedCase {
  memberId: number;
  actioned: boolean;
  churned: boolean;
}

/**
 * Members predicted critical or high whose window closed by asOf: one case per member and scoring, the
 * member counted as actioned when any of their open predictions in that window was.
 */
export async function closedHighRiskCases(conn: Queryable, companyId: number, asOf: Date): Promise<ClosedCase[]> {
  const res = await conn.query<{ member_id: string; actioned: boolean; churned: boolean }>(
    `select member_id, bool_or(actioned_at is not null and actioned_at < window_ends_at) as actioned, bool_or(outcome_churned) as churned
     from churn_predictions
     where company_id = $1 and risk in ('critical', 'high') and window_ends_at <= $2 and outcome_churned is not null
     group by member_id, date_trunc('month', scored_at)`,
    [companyId, asOf.toISOString()],
  );
  return res.rows.map((r) => ({ memberId: Number(r.member_id), actioned: r.actioned, churned: r.churned }));
}
