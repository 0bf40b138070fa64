// payment_rescues: failed-payment episodes (docs/metrics.md#failed-payment-rescue). All of a company's changes
// at one instant, in the caller's transaction: open an episode per membership whose renewal failed and is still
// unpaid (or note a later failed attempt on the open one), then mark recovered those whose membership paid again,
// then lost those whose access ended or whose first failure is 30 days old unpaid. Every change that the posted
// alert should show bumps `version`.
import type { Queryable } from '../db/queryable.ts';
import { liveCompanySql } from '../lifecycle/company-state.ts';
import { mrrContributionSql } from '../revenue/mrr-contribution.ts';

/** The past-due grace of docs/metrics.md (rule 5 of MRR): unpaid this long after its first failure, it is lost. */
export const GRACE_HOURS = 720;
/** A failure whose latest attempt is older than this when Pulse first sees it opens no episode (old news). */
export const FRESH_HOURS = 72;

export interface EpisodeChange {
  id: number;
  membershipId: number;
  change: 'opened' | 'attempt' | 'recovered' | 'lost';
}

/**
 * Opens or updates episodes from the company's unpaid failed renewals. One row per membership: its newest
 * failing payment. A payment of the membership paid at or after the failure means there is nothing to rescue.
 */
async function openOrUpdate(tx: Queryable, companyId: number, now: Date): Promise<EpisodeChange[]> {
  const { rows } = await tx.query<{ id: string; membership_id: string; inserted: boolean }>(
    `with failing as (
       select distinct on (p.membership_id) p.membership_id, p.member_id, p.plan_id, p.id as payment_id, p.failed_at,
         greatest(coalesce(p.attempts, 1), 1) as attempts, p.amount_minor, p.currency, p.failure_message, p.last_attempt_at, p.next_attempt_at,
         case when p.currency = c.currency and pl.billing_period_days > 0 then ${mrrContributionSql('p.amount_minor', 'pl.billing_period_days')} end as mrr_minor
       from payments p
       join companies c on c.id = p.company_id
       join memberships m on m.company_id = p.company_id and m.id = p.membership_id
       join plans pl on pl.company_id = p.company_id and pl.id = coalesce(p.plan_id, m.plan_id)
       where p.company_id = $1 and p.failed_at is not null and p.paid_at is null and p.kind = 'renewal'
         and pl.billing_period_days > 0
         and coalesce(p.last_attempt_at, p.failed_at) > $2::timestamptz - interval '${FRESH_HOURS} hours'
         and p.failed_at > $2::timestamptz - interval '${GRACE_HOURS} hours'
         and (m.ended_at is null or m.ended_at > $2)
         and not exists (select 1 from payments q where q.company_id = $1 and q.membership_id = p.membership_id and q.paid_at >= p.failed_at)
         -- An episode already closed over this failure is not opened again (a lost one stays lost).
         and not exists (select 1 from payment_rescues r where r.company_id = $1 and r.membership_id = p.membership_id
                         and r.outcome <> 'open' and r.outcome_at >= p.failed_at)
       order by p.membership_id, p.failed_at desc, p.id desc
     )
     insert into payment_rescues as r (company_id, membership_id, member_id, plan_id, payment_id, started_at, attempts, amount_minor, currency,
       mrr_minor, failure_message, last_attempt_at, next_attempt_at, created_at, updated_at)
     select $1, f.membership_id, f.member_id, f.plan_id, f.payment_id, f.failed_at, f.attempts, f.amount_minor, f.currency, f.mrr_minor,
       f.failure_message, f.last_attempt_at, f.next_attempt_at, $2, $2
     from failing f
     on conflict (company_id, membership_id) where outcome = 'open' do update set
       -- The same payment failing again: Whop's count; a further payment failing in the same episode: added to it.
       attempts = case when r.payment_id = excluded.payment_id then greatest(r.attempts, excluded.attempts) else r.attempts + excluded.attempts end,
       payment_id = excluded.payment_id, amount_minor = excluded.amount_minor, currency = excluded.currency, mrr_minor = excluded.mrr_minor,
       failure_message = excluded.failure_message, last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at,
       version = r.version + 1, updated_at = $2
     where r.payment_id is distinct from excluded.payment_id or r.attempts < excluded.attempts
       or r.last_attempt_at is distinct from excluded.last_attempt_at or r.next_attempt_at is distinct from excluded.next_attempt_at
     returning r.id, r.membership_id, (xmax = 0) as inserted`,
    [companyId, now.toISOString()],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    membershipId: Number(r.membership_id),
    change: r.inserted ? 'opened' : 'attempt',
  }));
}

/** Open episodes whose membership paid (any payment) after the failure and before the episode would be lost. */
async function recover(tx: Queryable, companyId: number, now: Date): Promise<EpisodeChange[]> {
  const { rows } = await tx.query<{ id: string; membership_id: string }>(
    `update payment_rescues r set outcome = 'recovered', outcome_at = paid.at, version = r.version + 1, updated_at = $2
     from (select r2.id, min(q.paid_at) as at
           from payment_rescues r2
           join memberships m on m.company_id = r2.company_id and m.id = r2.membership_id
           join payments q on q.company_id = r2.company_id and q.membership_id = r2.membership_id
           where r2.company_id = $1 and r2.outcome = 'open' and q.paid_at >= r2.started_at and q.paid_at <= $2
             and q.paid_at < least(coalesce(m.ended_at, 'infinity'), r2.started_at + interval '${GRACE_HOURS} hours')
           group by r2.id) paid
     where r.company_id = $1 and r.id = paid.id and r.outcome = 'open'
     returning r.id, r.membership_id`,
    [companyId, now.toISOString()],
  );
  return rows.map((r) => ({ id: Number(r.id), membershipId: Number(r.membership_id), change: 'recovered' }));
}

/** Open episodes whose access ended, or whose first failure is GRACE_HOURS old, unpaid. */
async function lose(tx: Queryable, companyId: number, now: Date): Promise<EpisodeChange[]> {
  const { rows } = await tx.query<{ id: string; membership_id: string }>(
    `update payment_rescues r set outcome = 'lost', version = r.version + 1, updated_at = $2,
       outcome_at = least(case when m.ended_at <= $2 then m.ended_at end, r.started_at + interval '${GRACE_HOURS} hours')
     from memberships m
     where r.company_id = $1 and r.outcome = 'open' and m.company_id = r.company_id and m.id = r.membership_id
       and (m.ended_at <= $2 or r.started_at + interval '${GRACE_HOURS} hours' <= $2)
     returning r.id, r.membership_id`,
    [companyId, now.toISOString()],
  );
  return rows.map((r) => ({ id: Number(r.id), membershipId: Number(r.membership_id), change: 'lost' }));
}

/** Every change of the company's episodes as of `now`, in this order: opened/attempt, recovered, lost. */
export async function advanceEpisodes(tx: Queryable, companyId: number, now: Date): Promise<EpisodeChange[]> {
  const opened = await openOrUpdate(tx, companyId, now);
  const recovered = await recover(tx, companyId, now);
  const lost = await lose(tx, companyId, now);
  return [...opened, ...recovered, ...lost];
}

/** Companies that may have episode work at `now`: an unpaid failure fresh enough to open one, an open episode, an alert to redraw. */
export async function companiesWithRescueWork(db: Queryable, now: Date): Promise<number[]> {
  const { rows } = await db.query<{ company_id: string }>(
    `select w.company_id from (
       select company_id from payments where failed_at is not null and paid_at is null and failed_at > $1::timestamptz - interval '${GRACE_HOURS} hours'
         and coalesce(last_attempt_at, failed_at) > $1::timestamptz - interval '${FRESH_HOURS} hours'
       union
       select company_id from payment_rescues where outcome = 'open' or version > shown_version
     ) w join companies c on c.id = w.company_id
     where ${liveCompanySql('c')} order by 1`,
    [now.toISOString()],
  );
  return rows.map((r) => Number(r.company_id));
}
