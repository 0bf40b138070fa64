// One member's profile, read for the member-profile report: who they are, their memberships, their MRR on
// a day, payments in a period, daily engagement scores and their latest churn prediction. Every query is
// scoped by company and member.
import type { Queryable } from '../../db/queryable.ts';
import type { Day } from '../../period.ts';
import { mrrContribution } from '../../revenue/mrr-contribution.ts';
import type { MemberJson } from '../report-json.ts';

type Row = Record<string, unknown>;

export async function memberFacts(
  db: Queryable,
  companyId: number,
  memberId: number,
): Promise<MemberJson['member'] | null> {
  const { rows } = await db.query<Row>(
    'select whop_user_id, name, username, joined_at from members where company_id = $1 and id = $2',
    [companyId, memberId],
  );
  const r = rows[0];
  return r
    ? {
        whopUserId: r.whop_user_id as string,
        name: r.name as string | null,
        username: r.username as string | null,
        joinedAt: r.joined_at ? (r.joined_at as Date).toISOString() : null,
      }
    : null;
}

export async function memberMemberships(
  db: Queryable,
  companyId: number,
  memberId: number,
  asOf: Date,
): Promise<MemberJson['memberships']> {
  const { rows } = await db.query<Row>(
    `select coalesce(p.title, p.whop_id) as plan, ms.status, ms.started_at, ms.ended_at, p.plan_type, p.is_free,
       p.renewal_price_minor, p.billing_period_days
     from memberships ms join plans p on p.id = ms.plan_id and p.company_id = $1
     where ms.company_id = $1 and ms.member_id = $2 and ms.started_at <= $3 order by ms.started_at desc, ms.id desc`,
    [companyId, memberId, asOf],
  );
  return rows.map((r) => ({
    plan: r.plan as string,
    status: r.status as string,
    startedAt: (r.started_at as Date).toISOString(),
    endedAt: r.ended_at && (r.ended_at as Date) <= asOf ? (r.ended_at as Date).toISOString() : null,
    planMrrMinor:
      r.plan_type === 'renewal' && !r.is_free && Number(r.billing_period_days) > 0
        ? mrrContribution(Number(r.renewal_price_minor), Number(r.billing_period_days))
        : 0,
  }));
}

/** The customer's MRR at the end of `day` (revenue rollup spans). */
export async function memberMrrOn(db: Queryable, companyId: number, memberId: number, day: Day): Promise<number> {
  const { rows } = await db.query<{ mrr: string }>(
    `select coalesce(sum(mrr_minor), 0) as mrr from customer_mrr_spans
     where company_id = $1 and member_id = $2 and from_day <= $3::date and (to_day is null or to_day > $3::date)`,
    [companyId, memberId, day],
  );
  return Number(rows[0]?.mrr ?? 0);
}

export async function memberPayments(
  db: Queryable,
  companyId: number,
  memberId: number,
  q: { from: Day; to: Day; timeZone: string; asOf: Date },
): Promise<{ inPeriod: MemberJson['payments']; lifetimePaidMinor: number }> {
  const { rows } = await db.query<Row>(
    `select to_char(coalesce(paid_at, failed_at) at time zone $3, 'YYYY-MM-DD') as day, amount_minor, paid_at is not null as paid,
       case when refunded_at <= $6 then refunded_amount_minor else 0 end as refunded
     from payments where company_id = $1 and member_id = $2 and coalesce(paid_at, failed_at) <= $6
       and (coalesce(paid_at, failed_at) at time zone $3)::date >= $4::date and (coalesce(paid_at, failed_at) at time zone $3)::date < $5::date
     order by coalesce(paid_at, failed_at), id`,
    [companyId, memberId, q.timeZone, q.from, q.to, q.asOf],
  );
  const total = await db.query<{ paid: string }>(
    `select coalesce(sum(amount_minor - case when refunded_at <= $3 then refunded_amount_minor else 0 end), 0) as paid
     from payments where company_id = $1 and member_id = $2 and paid_at <= $3`,
    [companyId, memberId, q.asOf],
  );
  return {
    inPeriod: rows.map((r) => ({
      day: r.day as string,
      amountMinor: Number(r.amount_minor),
      status: r.paid ? 'paid' : 'failed',
      refundedMinor: Number(r.refunded),
    })),
    lifetimePaidMinor: Number(total.rows[0]?.paid ?? 0),
  };
}

/**
 * The member's scores on the days from..through and their last activity as of through. engagement_daily is keyed by
 * day first, so the days are probed one by one on its key (a few hundred probes at most: the tier's window). The
 * latest row in the period carries the last activity as of `through` (any later activity would have rows after it);
 * a member with no row in the period had none in it or the 29 days before, and their last activity comes from the
 * raw events, which are kept past every tier's window.
 */
export async function memberScores(
  db: Queryable,
  companyId: number,
  memberId: number,
  from: Day,
  through: Day,
): Promise<{ daily: Map<Day, number>; lastActivityAt: Date | null }> {
  const days = await db.query<{ day: string; score: number; last_activity_at: Date | null }>(
    `select to_char(day, 'YYYY-MM-DD') as day, score, last_activity_at from engagement_daily
     where company_id = $1 and member_id = $2
       and day = any(array(select d::date from generate_series($3::date, $4::date, interval '1 day') d))
     order by day`,
    [companyId, memberId, from, through],
  );
  const daily = new Map(days.rows.map((r) => [r.day, r.score]));
  const latest = days.rows.at(-1);
  if (latest) return { daily, lastActivityAt: latest.last_activity_at };
  const events = await db.query<{ at: Date | null }>(
    `select max(e.occurred_at) as at from activity_events e
     where e.company_id = $1 and e.member_id = $2
       and e.occurred_at < (select ($3::date + 1)::timestamp at time zone c.time_zone from companies c where c.id = $1)`,
    [companyId, memberId, through],
  );
  return { daily, lastActivityAt: events.rows[0]?.at ?? null };
}

export async function memberLatestPrediction(
  db: Queryable,
  companyId: number,
  memberId: number,
  asOf: Date,
): Promise<MemberJson['churn']> {
  const { rows } = await db.query<Row>(
    `select scored_at, probability, risk, factors, actions from churn_predictions
     where company_id = $1 and member_id = $2 and scored_at <= $3 order by scored_at desc, id desc limit 1`,
    [companyId, memberId, asOf],
  );
  const r = rows[0];
  if (!r) return null;
  const texts = (list: unknown, key: string) =>
    (Array.isArray(list) ? list : []).map((x) => String((x as Row)[key] ?? '')).filter(Boolean);
  return {
    scoredAt: (r.scored_at as Date).toISOString(),
    probability: Number(r.probability),
    risk: r.risk as string,
    factors: texts(r.factors, 'sentence'),
    actions: texts(r.actions, 'text'),
  };
}
