// SQL of churn_outreach and the member facts a message is written from. Every query is scoped by company: a
// prediction id of another company is simply not found. A click is claimed in one transaction that locks the
// member's row, so two forms submitted at once for one member cannot both pass the cool-down check.
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import type { OutreachChannel, OutreachStatus } from '../db/entities/churn-outreach.ts';
import type { RecommendedAction } from '../churn/actions.ts';
import type { ActivityKindName, LastActivity } from './template.ts';

export interface OutreachTarget {
  predictionId: number;
  memberId: number;
  name: string | null;
  username: string | null;
  whopUserId: string;
  discordUserId: string | null;
  actions: RecommendedAction[];
  lastActivity: LastActivity | null;
}

/** The member behind a prediction of this company (null for another company's prediction or an unknown id). */
export async function outreachTarget(
  db: Queryable,
  companyId: number,
  predictionId: number,
  asOf: Date,
): Promise<OutreachTarget | null> {
  const { rows } = await db.query<{
    id: string;
    member_id: string;
    name: string | null;
    username: string | null;
    whop_user_id: string;
    discord_user_id: string | null;
    actions: RecommendedAction[] | null;
    kind: ActivityKindName | null;
    title: string | null;
    occurred_at: Date | null;
  }>(
    `select p.id, p.member_id, m.name, m.username, m.whop_user_id, m.discord_user_id, p.actions, last.kind, last.title, last.occurred_at
     from churn_predictions p
     join members m on m.company_id = p.company_id and m.id = p.member_id
     left join lateral (
       select e.kind, c.title, e.occurred_at from activity_events e
       left join content_items c on c.company_id = e.company_id and c.id = e.content_item_id
       where e.company_id = p.company_id and e.member_id = p.member_id and e.occurred_at <= $3
       order by e.occurred_at desc, e.id desc limit 1
     ) last on true
     where p.company_id = $1 and p.id = $2`,
    [companyId, predictionId, asOf.toISOString()],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    predictionId: Number(r.id),
    memberId: Number(r.member_id),
    name: r.name,
    username: r.username,
    whopUserId: r.whop_user_id,
    discordUserId: r.discord_user_id,
    actions: r.actions ?? [],
    lastActivity: r.kind && r.occurred_at ? { kind: r.kind, title: r.title, at: r.occurred_at } : null,
  };
}

export interface OutreachRecord {
  clickKey: string;
  predictionId: number;
  memberId: number;
  status: OutreachStatus;
  channel: OutreachChannel | null;
  message: string;
  reason: string | null;
  sentBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

interface RecordRow extends Record<string, unknown> {
  click_key: string;
  prediction_id: string;
  member_id: string;
  status: OutreachStatus;
  channel: OutreachChannel | null;
  message: string;
  reason: string | null;
  sent_by: string;
  created_at: Date;
  finished_at: Date | null;
}

const columns =
  'click_key, prediction_id, member_id, status, channel, message, reason, sent_by, created_at, finished_at';
const toRecord = (r: RecordRow): OutreachRecord => ({
  clickKey: r.click_key,
  predictionId: Number(r.prediction_id),
  memberId: Number(r.member_id),
  status: r.status,
  channel: r.channel,
  message: r.message,
  reason: r.reason,
  sentBy: r.sent_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export type Claim =
  | { kind: 'claimed' }
  /** This click was submitted before: its record (a retry replays it, never sends again). */
  | { kind: 'replay'; record: OutreachRecord }
  /** A message reached this member (or may have) since `since`: the admin must confirm a second one. */
  | { kind: 'cooling'; record: OutreachRecord };

export interface ClaimInput {
  clickKey: string;
  predictionId: number;
  memberId: number;
  message: string;
  sentBy: string;
  at: Date;
  /** Messages sent to this member after this instant hold a new one back (unless `confirmed`). */
  coolingSince: Date;
  confirmed: boolean;
}

/** Takes the click for sending (a `sending` row), or says why not; nothing is sent by this function. */
export async function claimClick(db: Queryable, companyId: number, c: ClaimInput): Promise<Claim> {
  return inTransaction(db, async (tx) => {
    await tx.query('select 1 from members where company_id = $1 and id = $2 for update', [companyId, c.memberId]);
    const earlier = await tx.query<RecordRow>(
      `select ${columns} from churn_outreach where company_id = $1 and click_key = $2`,
      [companyId, c.clickKey],
    );
    if (earlier.rows[0]) return { kind: 'replay', record: toRecord(earlier.rows[0]) };
    if (!c.confirmed) {
      const recent = await tx.query<RecordRow>(
        `select ${columns} from churn_outreach where company_id = $1 and member_id = $2 and status in ('sent', 'sending', 'unknown')
           and created_at > $3 order by created_at desc limit 1`,
        [companyId, c.memberId, c.coolingSince.toISOString()],
      );
      if (recent.rows[0]) return { kind: 'cooling', record: toRecord(recent.rows[0]) };
    }
    await tx.query(
      `insert into churn_outreach (company_id, click_key, prediction_id, member_id, status, message, sent_by, created_at)
       values ($1, $2, $3, $4, 'sending', $5, $6, $7)`,
      [companyId, c.clickKey, c.predictionId, c.memberId, c.message, c.sentBy, c.at.toISOString()],
    );
    return { kind: 'claimed' };
  });
}

export interface Finish {
  status: Exclude<OutreachStatus, 'sending'>;
  channel: OutreachChannel;
  reason: string | null;
  externalId: string | null;
  at: Date;
}

/** Records how a claimed click ended; returns the record. */
export async function finishClick(
  db: Queryable,
  companyId: number,
  clickKey: string,
  f: Finish,
): Promise<OutreachRecord> {
  const { rows } = await db.query<RecordRow>(
    `update churn_outreach set status = $3, channel = $4, reason = $5, external_id = $6, finished_at = $7
     where company_id = $1 and click_key = $2 returning ${columns}`,
    [companyId, clickKey, f.status, f.channel, f.reason, f.externalId, f.at.toISOString()],
  );
  if (!rows[0]) throw new Error(`outreach click ${clickKey} of company ${companyId} was not claimed`);
  return toRecord(rows[0]);
}

/** The latest message that reached (or may have reached) this member, if any. */
export async function latestOutreach(
  db: Queryable,
  companyId: number,
  memberId: number,
): Promise<OutreachRecord | null> {
  const { rows } = await db.query<RecordRow>(
    `select ${columns} from churn_outreach where company_id = $1 and member_id = $2 and status in ('sent', 'sending', 'unknown')
     order by created_at desc limit 1`,
    [companyId, memberId],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Closed critical/high cases (as core/churn counts "members saved": one per member and scoring month) and
 * whether a message reached the member within the prediction's window.
 */
export async function closedCasesByOutreach(
  db: Queryable,
  companyId: number,
  asOf: Date,
): Promise<{ reachedOut: boolean; churned: boolean }[]> {
  const { rows } = await db.query<{ reached: boolean; churned: boolean }>(
    `select bool_or(exists (
         select 1 from churn_outreach o where o.company_id = p.company_id and o.prediction_id = p.id and o.status = 'sent'
           and o.created_at < p.window_ends_at)) as reached,
       bool_or(p.outcome_churned) as churned
     from churn_predictions p
     where p.company_id = $1 and p.risk in ('critical', 'high') and p.window_ends_at <= $2 and p.outcome_churned is not null
     group by p.member_id, date_trunc('month', p.scored_at)`,
    [companyId, asOf.toISOString()],
  );
  return rows.map((r) => ({ reachedOut: r.reached, churned: r.churned }));
}
