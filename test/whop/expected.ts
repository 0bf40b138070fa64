// What Pulse's tables must hold after syncing a fake company, computed from the fake's own objects (cents by
// rounding major units x 100 for these usd-only communities), and the same figures read back from the database.
import type pg from 'pg';
import type { FakeCompanyData } from '../../demo/fake-whop/dataset.ts';

const cents = (x: number | null | undefined) => Math.round((x ?? 0) * 100);
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

export interface Figures {
  products: number;
  plans: number;
  planInitialMinor: number;
  members: number;
  memberships: number;
  membershipsCanceled: number;
  payments: number;
  paymentsMinor: number;
  refundedMinor: number;
  paymentsLinked: number;
  refunds: number;
  refundsMinor: number;
  courses: number;
  lessons: number;
  messages: number;
  forumPosts: number;
  lessonViews: number;
  lessonCompletes: number;
  activityWithMember: number;
}

export function expectedFigures(d: FakeCompanyData): Figures {
  const activity = d.messages.length + d.forumPosts.length + d.lessonInteractions.length;
  return {
    products: d.products.length,
    plans: d.plans.length,
    planInitialMinor: sum(d.plans, (p) => cents(p.initial_price)),
    members: new Set(d.members.filter((m) => m.user).map((m) => m.user!.id)).size,
    memberships: d.memberships.length,
    membershipsCanceled: d.memberships.filter((m) => m.status === 'canceled').length,
    payments: d.payments.length,
    paymentsMinor: sum(d.payments, (p) => cents(p.total)),
    refundedMinor: sum(d.payments, (p) => cents(p.refunded_amount)),
    paymentsLinked: d.payments.filter((p) => p.membership).length,
    refunds: d.refunds.length,
    refundsMinor: sum(d.refunds, (r) => cents(r.amount)),
    courses: d.courses.length,
    lessons: d.lessons.length,
    messages: d.messages.length,
    forumPosts: d.forumPosts.length,
    lessonViews: d.lessonInteractions.filter((i) => !i.completed).length,
    lessonCompletes: d.lessonInteractions.filter((i) => i.completed).length,
    activityWithMember: activity,
  };
}

export async function actualFigures(pool: pg.Pool, companyId: number): Promise<Figures> {
  const { rows } = await pool.query<Record<keyof Figures, string>>(
    `select
    (select count(*) from products where company_id = $1) as products,
    (select count(*) from plans where company_id = $1) as plans,
    (select coalesce(sum(initial_price_minor), 0) from plans where company_id = $1) as "planInitialMinor",
    (select count(*) from members where company_id = $1) as members,
    (select count(*) from memberships where company_id = $1) as memberships,
    (select count(*) from memberships where company_id = $1 and status = 'canceled') as "membershipsCanceled",
    (select count(*) from payments where company_id = $1) as payments,
    (select coalesce(sum(amount_minor), 0) from payments where company_id = $1) as "paymentsMinor",
    (select coalesce(sum(refunded_amount_minor), 0) from payments where company_id = $1) as "refundedMinor",
    (select count(*) from payments where company_id = $1 and membership_id is not null) as "paymentsLinked",
    (select count(*) from refunds where company_id = $1) as refunds,
    (select coalesce(sum(amount_minor), 0) from refunds where company_id = $1) as "refundsMinor",
    (select count(*) from content_items where company_id = $1 and kind = 'course') as courses,
    (select count(*) from content_items where company_id = $1 and kind = 'lesson') as lessons,
    (select count(*) from activity_events where company_id = $1 and kind = 'message') as messages,
    (select count(*) from activity_events where company_id = $1 and kind = 'forum_post') as "forumPosts",
    (select count(*) from activity_events where company_id = $1 and kind = 'lesson_view') as "lessonViews",
    (select count(*) from activity_events where company_id = $1 and kind = 'lesson_complete') as "lessonCompletes",
    (select count(*) from activity_events where company_id = $1 and member_id is not null) as "activityWithMember"`,
    [companyId],
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)])) as unknown as Figures;
}

/** Every row version of the data tables (id, xmin): any insert, update or delete changes it. */
export async function rowVersions(pool: pg.Pool): Promise<string> {
  const tables = [
    'products',
    'plans',
    'members',
    'memberships',
    'payments',
    'refunds',
    'content_items',
    'activity_events',
  ];
  const parts: string[] = [];
  for (const t of tables) {
    const { rows } = await pool.query<{ v: string | null }>(
      `select string_agg(id::text || ':' || xmin::text, ',' order by id) as v from ${t}`,
    );
    parts.push(`${t}=${rows[0]?.v ?? ''}`);
  }
  return parts.join('\n');
}

/** The data of a company with our ids replaced by Whop ids: comparable across databases. */
export async function companySnapshot(pool: pg.Pool, companyId: number): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) => (await pool.query(sql, [companyId])).rows;
  return {
    plans:
      await q(`select p.whop_id, pr.whop_id as product, p.title, p.plan_type, p.billing_period_days, p.initial_price_minor, p.renewal_price_minor, p.currency, p.is_free, p.whop_updated_at
      from plans p left join products pr on pr.id = p.product_id where p.company_id = $1 order by p.whop_id`),
    members: await q(
      `select whop_user_id, whop_member_id, name, email, joined_at, status, whop_updated_at from members where company_id = $1 order by whop_user_id`,
    ),
    memberships:
      await q(`select ms.whop_id, m.whop_user_id, p.whop_id as plan, ms.status, ms.started_at, ms.renewal_period_end, ms.cancel_at_period_end, ms.canceled_at, ms.ended_at, ms.whop_updated_at
      from memberships ms join members m on m.id = ms.member_id join plans p on p.id = ms.plan_id where ms.company_id = $1 order by ms.whop_id`),
    payments:
      await q(`select pa.whop_id, ms.whop_id as membership, m.whop_user_id, pa.amount_minor, pa.currency, pa.status, pa.substatus, pa.kind, pa.paid_at, pa.refunded_amount_minor, pa.whop_updated_at
      from payments pa left join memberships ms on ms.id = pa.membership_id left join members m on m.id = pa.member_id where pa.company_id = $1 order by pa.whop_id`),
    refunds: await q(
      `select r.whop_id, pa.whop_id as payment, r.amount_minor, r.status from refunds r join payments pa on pa.id = r.payment_id where r.company_id = $1 order by r.whop_id`,
    ),
    content: await q(
      `select c.whop_id, c.kind, p.whop_id as parent, c.title, c.position from content_items c left join content_items p on p.id = c.parent_id where c.company_id = $1 order by c.whop_id`,
    ),
    activity:
      await q(`select a.external_id, a.kind, a.occurred_at, m.whop_user_id, c.whop_id as content, a.value from activity_events a
      left join members m on m.id = a.member_id left join content_items c on c.id = a.content_item_id where a.company_id = $1 order by a.external_id`),
  };
}
