// Reading one company's failed-payment episodes for the alert and the buttons, and recording what an admin did
// (contacted, resolved, snoozed) with who and when. Every statement is scoped by company_id: an id from another
// company reads nothing and writes nothing.
import type { Queryable } from '../db/queryable.ts';
import type { RescueOutcome } from '../db/entities/payment-rescues.ts';

export interface RescueView {
  id: number;
  membershipId: number;
  membershipWhopId: string;
  memberName: string | null;
  memberUsername: string | null;
  whopUserId: string | null;
  planTitle: string | null;
  startedAt: Date;
  attempts: number;
  amountMinor: number;
  currency: string;
  mrrMinor: number | null;
  failureMessage: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  outcome: RescueOutcome;
  outcomeAt: Date | null;
  contactedAt: Date | null;
  contactedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  snoozedUntil: Date | null;
  version: number;
}

interface Row extends Record<string, unknown> {
  id: string;
  membership_id: string;
  membership_whop_id: string;
  member_name: string | null;
  member_username: string | null;
  whop_user_id: string | null;
  plan_title: string | null;
  started_at: Date;
  attempts: number;
  amount_minor: string;
  currency: string;
  mrr_minor: string | null;
  failure_message: string | null;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  outcome: RescueOutcome;
  outcome_at: Date | null;
  contacted_at: Date | null;
  contacted_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  snoozed_until: Date | null;
  version: number;
}

const select = `select r.id, r.membership_id, ms.whop_id as membership_whop_id, mb.name as member_name, mb.username as member_username,
    mb.whop_user_id, pl.title as plan_title, r.started_at, r.attempts, r.amount_minor, r.currency, r.mrr_minor, r.failure_message,
    r.last_attempt_at, r.next_attempt_at, r.outcome, r.outcome_at, r.contacted_at, r.contacted_by, r.resolved_at, r.resolved_by,
    r.snoozed_until, r.version
  from payment_rescues r
  join memberships ms on ms.company_id = r.company_id and ms.id = r.membership_id
  left join members mb on mb.company_id = r.company_id and mb.id = r.member_id
  left join plans pl on pl.company_id = r.company_id and pl.id = r.plan_id`;

function toView(r: Row): RescueView {
  return {
    id: Number(r.id),
    membershipId: Number(r.membership_id),
    membershipWhopId: r.membership_whop_id,
    memberName: r.member_name,
    memberUsername: r.member_username,
    whopUserId: r.whop_user_id,
    planTitle: r.plan_title,
    startedAt: r.started_at,
    attempts: r.attempts,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    mrrMinor: r.mrr_minor === null ? null : Number(r.mrr_minor),
    failureMessage: r.failure_message,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.next_attempt_at,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
    contactedAt: r.contacted_at,
    contactedBy: r.contacted_by,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    snoozedUntil: r.snoozed_until,
    version: r.version,
  };
}

/** One episode of this company, or null (unknown id, or another company's). */
export async function findRescue(db: Queryable, companyId: number, id: number): Promise<RescueView | null> {
  const { rows } = await db.query<Row>(`${select} where r.company_id = $1 and r.id = $2`, [companyId, id]);
  return rows[0] ? toView(rows[0]) : null;
}

export type RescueAction = 'contacted' | 'resolved' | 'snooze';

/**
 * Records an admin's action on an open episode; false when there was nothing to change (already done, or the
 * episode is over). Snoozing holds until `until`; every change bumps the version so the posted alerts show it.
 */
export async function recordRescueAction(
  db: Queryable,
  companyId: number,
  id: number,
  a: { action: RescueAction; by: string; at: Date; until?: Date },
): Promise<boolean> {
  const scope = `version = version + 1, updated_at = $3 where company_id = $1 and id = $2 and outcome = 'open'`;
  const sql = {
    contacted: `update payment_rescues set contacted_at = $3, contacted_by = $4, ${scope} and contacted_at is null returning id`,
    resolved: `update payment_rescues set resolved_at = $3, resolved_by = $4, ${scope} and resolved_at is null returning id`,
    snooze: `update payment_rescues set snoozed_until = $5, snoozed_by = $4, ${scope} and (snoozed_until is null or snoozed_until < $5) returning id`,
  }[a.action];
  const values = [companyId, id, a.at.toISOString(), a.by];
  if (a.action === 'snooze') values.push((a.until ?? a.at).toISOString());
  const { rows } = await db.query(sql, values);
  return rows.length === 1;
}

/** Episodes whose posted alerts show an older version than the row's (they need an edit). */
export async function unshownRescues(db: Queryable, companyId: number): Promise<{ id: number; version: number }[]> {
  const { rows } = await db.query<{ id: string; version: number }>(
    'select id, version from payment_rescues where company_id = $1 and version > shown_version order by id',
    [companyId],
  );
  return rows.map((r) => ({ id: Number(r.id), version: r.version }));
}

/** The posted alerts now show `version` (fenced: a later change keeps the row due for another edit). */
export async function markShown(db: Queryable, companyId: number, id: number, version: number): Promise<void> {
  await db.query(
    'update payment_rescues set shown_version = greatest(shown_version, $3) where company_id = $1 and id = $2',
    [companyId, id, version],
  );
}

/** The posted alerts of an episode (to edit when it changes), and whether any is still on its way. */
export async function postedRescueAlerts(
  db: Queryable,
  companyId: number,
  rescueId: number,
): Promise<{
  posted: {
    id: number;
    platform: 'discord' | 'slack';
    channelId: string;
    messageId: string;
    workspaceLinkId: number | null;
  }[];
  pending: number;
}> {
  const { rows } = await db.query<{
    id: string;
    platform: 'discord' | 'slack';
    channel_id: string;
    message_id: string | null;
    status: string;
    workspace_link_id: string | null;
  }>(
    `select id, platform, channel_id, message_id, status, workspace_link_id from deliveries
     where company_id = $1 and kind = 'payment_alert' and (payload->>'rescueId')::bigint = $2 order by id`,
    [companyId, rescueId],
  );
  return {
    posted: rows
      .filter((r) => r.status === 'posted' && r.message_id)
      .map((r) => ({
        id: Number(r.id),
        platform: r.platform,
        channelId: r.channel_id,
        messageId: r.message_id!,
        workspaceLinkId: r.workspace_link_id === null ? null : Number(r.workspace_link_id),
      })),
    pending: rows.filter((r) => r.status === 'claimed').length,
  };
}
