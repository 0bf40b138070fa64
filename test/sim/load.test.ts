// Bulk load of a simulated community: what lands in the tables equals what the simulator emitted, row for row.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInput } from '../../core/errors.ts';
import { loadCommunity, type LoadProgress, type LoadResult } from '../../demo/load/index.ts';
import { createSim, type SimOptions } from '../../demo/sim/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const opts: SimOptions = { seed: 'load', members: 2000, months: 18, endDate: '2026-09-15T00:00:00Z' };
const cents = (major: number | null) => Math.round((major ?? 0) * 100);

/** Everything the loader should write, tallied straight from the Whop objects. */
function expected() {
  const sim = createSim(opts);
  const e = {
    members: 0,
    memberships: 0,
    payments: 0,
    refunds: 0,
    paymentsMinor: 0,
    refundedMinor: 0,
    refundsMinor: 0,
    kinds: { message: 0, forum_post: 0, lesson_view: 0, lesson_complete: 0, visit: 0 } as Record<string, number>,
    payLinks: new Map<string, string>(),
    perUser: new Map<string, number>(),
  };
  for (const b of sim.memberBundles()) {
    e.members++;
    e.memberships += b.memberships.length;
    e.payments += b.payments.length;
    e.refunds += b.refunds.length;
    for (const p of b.payments) {
      e.paymentsMinor += cents(p.total);
      e.refundedMinor += cents(p.refunded_amount);
      e.payLinks.set(p.id, `${p.membership!.id} ${p.user!.id} ${p.plan!.id}`);
    }
    for (const r of b.refunds) e.refundsMinor += cents(r.amount);
    e.kinds.message! += b.messages.length;
    e.kinds.forum_post! += b.forumPosts.length;
    e.kinds.visit! += b.visits.length;
    for (const i of b.lessonInteractions) e.kinds[i.completed ? 'lesson_complete' : 'lesson_view']!++;
    e.perUser.set(
      b.truth.userId,
      b.messages.length + b.forumPosts.length + b.visits.length + b.lessonInteractions.length,
    );
  }
  return { sim, e };
}

describe('loadCommunity', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let result: LoadResult;
  const progress: LoadProgress[] = [];
  const { sim, e } = expected();

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const other = (
      await client.query<{ id: string }>(
        `insert into companies (whop_company_id, name) values ('biz_other', 'Other') returning id`,
      )
    ).rows[0]!.id;
    // Another writer drawing ids from the same sequences while the load runs must never collide with it.
    const load = loadCommunity(db.url, sim, { chunkMembers: 300, onProgress: (p) => progress.push(p) });
    for (let i = 0; i < 100; i++)
      await client.query(`insert into members (company_id, whop_user_id) values ($1, $2)`, [other, `user_other_${i}`]);
    result = await load;
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const one = async (sql: string) => (await client.query(sql, [result.companyId])).rows[0] as Record<string, string>;

  it('writes exactly the rows and money the simulator emitted', async () => {
    const counts = await one(`select
      (select count(*) from members where company_id = $1) as members, (select count(*) from memberships where company_id = $1) as memberships,
      (select count(*) from payments where company_id = $1) as payments, (select count(*) from refunds where company_id = $1) as refunds,
      (select sum(amount_minor) from payments where company_id = $1) as paid, (select sum(refunded_amount_minor) from payments where company_id = $1) as refunded,
      (select sum(amount_minor) from refunds where company_id = $1) as refund_sum`);
    expect(counts).toEqual({
      members: String(e.members),
      memberships: String(e.memberships),
      payments: String(e.payments),
      refunds: String(e.refunds),
      paid: String(e.paymentsMinor),
      refunded: String(e.refundedMinor),
      refund_sum: String(e.refundsMinor),
    });
    expect(result.rows).toEqual({
      members: e.members,
      memberships: e.memberships,
      payments: e.payments,
      refunds: e.refunds,
      activity_events: Object.values(e.kinds).reduce((a, b) => a + b, 0),
    });
    expect([result.paymentsMinor, result.refundsMinor]).toEqual([e.paymentsMinor, e.refundsMinor]);
    const kinds = await client.query<{ kind: string; n: string }>(
      'select kind, count(*) as n from activity_events where company_id = $1 group by kind',
      [result.companyId],
    );
    expect(Object.fromEntries(kinds.rows.map((r) => [r.kind, Number(r.n)]))).toEqual(e.kinds);
  });

  it('resolves every foreign key to the right row', async () => {
    const links = await client.query<{ pay: string; link: string }>(
      `select p.whop_id as pay, ms.whop_id || ' ' || m.whop_user_id || ' ' || pl.whop_id as link
      from payments p join memberships ms on ms.id = p.membership_id join members m on m.id = p.member_id join plans pl on pl.id = p.plan_id
      where p.company_id = $1 and ms.member_id = p.member_id`,
      [result.companyId],
    );
    expect(new Map(links.rows.map((r) => [r.pay, r.link]))).toEqual(e.payLinks);
    const perUser = await client.query<{ u: string; n: string }>(
      `select m.whop_user_id as u, count(a.id) as n from members m
      left join activity_events a on a.member_id = m.id where m.company_id = $1 group by m.whop_user_id`,
      [result.companyId],
    );
    expect(new Map(perUser.rows.map((r) => [r.u, Number(r.n)]))).toEqual(e.perUser);
    const lessons =
      await one(`select count(*) as n from activity_events a join content_items c on c.id = a.content_item_id
      where a.company_id = $1 and c.kind = 'lesson' and a.kind in ('lesson_view', 'lesson_complete')`);
    expect(Number(lessons.n)).toBe(e.kinds.lesson_view! + e.kinds.lesson_complete!);
    const refunds = await one(
      `select count(*) as n from refunds r join payments p on p.id = r.payment_id where r.company_id = $1 and p.refunded_amount_minor = r.amount_minor`,
    );
    expect(Number(refunds.n)).toBe(e.refunds);
  });

  it('reports progress up to every member, and leaves the sequences ahead of its ids', async () => {
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!.members).toBe(e.members);
    const other = await client.query(`select count(*) as n from members where whop_user_id like 'user_other_%'`);
    expect(other.rows[0].n).toBe('100');
    await client.query(`insert into members (company_id, whop_user_id) values ($1, 'user_after_load')`, [
      result.companyId,
    ]);
  });

  it('refuses to load a company twice and leaves the first load alone', async () => {
    await expect(loadCommunity(db.url, createSim(opts))).rejects.toBeInstanceOf(BadInput);
    expect((await one('select count(*) as n from payments where company_id = $1')).n).toBe(String(e.payments));
  });
});
