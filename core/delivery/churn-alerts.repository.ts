// churn_alerts: members' risk episodes against the latest scoring. An episode opens when a member's latest
// prediction is critical or high and they are not snoozed (no prediction of theirs has snoozed_until in the
// future), and closes at the first later scoring that is not critical or high (or no longer scores them:
// they left). One open episode per member (partial unique index), so re-scans and racing scans open none twice.
import type { Queryable } from '../db/queryable.ts';
import type { RiskLevel } from '../churn/risk.ts';

export interface OpenedEpisode {
  episodeId: number;
  memberId: number;
  predictionId: number;
  risk: RiskLevel;
  probability: number;
}

/** The newest scoring instant of the company, or null when it was never scored. */
export async function latestScoring(db: Queryable, companyId: number): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    'select max(scored_at) as at from churn_predictions where company_id = $1',
    [companyId],
  );
  return rows[0]?.at ?? null;
}

/** Closes the open episodes of members the scoring at `scoredAt` no longer puts at critical or high. */
export async function closeEpisodes(db: Queryable, companyId: number, scoredAt: Date): Promise<number> {
  const { rows } = await db.query(
    `update churn_alerts a set ended_at = $2
     where a.company_id = $1 and a.ended_at is null and a.started_at < $2
       and not exists (select 1 from churn_predictions p
                       where p.company_id = $1 and p.scored_at = $2 and p.member_id = a.member_id and p.risk in ('critical', 'high'))
     returning a.id`,
    [companyId, scoredAt.toISOString()],
  );
  return rows.length;
}

/** Opens an episode for each member at critical/high in the scoring at `scoredAt` who has none open and is not snoozed at `now`. */
export async function openEpisodes(
  db: Queryable,
  companyId: number,
  scoredAt: Date,
  now: Date,
): Promise<OpenedEpisode[]> {
  const { rows } = await db.query<{
    id: string;
    member_id: string;
    prediction_id: string;
    risk: RiskLevel;
    probability: number;
  }>(
    `with opened as (
       insert into churn_alerts (company_id, member_id, prediction_id, risk, started_at)
       select p.company_id, p.member_id, p.id, p.risk, p.scored_at
       from churn_predictions p
       where p.company_id = $1 and p.scored_at = $2 and p.risk in ('critical', 'high')
         and not exists (select 1 from churn_predictions s where s.company_id = $1 and s.member_id = p.member_id and s.snoozed_until > $3)
         and not exists (select 1 from churn_alerts a where a.company_id = $1 and a.member_id = p.member_id and a.ended_at is null)
       on conflict (company_id, member_id) where ended_at is null do nothing
       returning id, member_id, prediction_id, risk
     )
     select o.id, o.member_id, o.prediction_id, o.risk, p.probability
     from opened o join churn_predictions p on p.id = o.prediction_id
     order by p.probability desc, o.member_id`,
    [companyId, scoredAt.toISOString(), now.toISOString()],
  );
  return rows.map((r) => ({
    episodeId: Number(r.id),
    memberId: Number(r.member_id),
    predictionId: Number(r.prediction_id),
    risk: r.risk,
    probability: r.probability,
  }));
}
