// Erasing one member by Whop user id: their member row and every row pointing at them go (memberships,
// activity, predictions, feedback, alerts, per-member rollups), payments stay as anonymous revenue (member link
// cut), the company's daily aggregates do not change, and so does nothing of the other member; stored webhooks
// naming them, their profile report link and coach conversations mentioning them go too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eraseMember } from '../../core/lifecycle/erase-member.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { populate, type Populated } from './populate.ts';

const NOW = new Date('2026-11-26T12:00:00Z');

describe('member erase', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let co: CompanyFixture;
  let p: Populated;
  const memberTables = async () =>
    (
      await pool.query<{ table_name: string }>(
        `select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'member_id' and table_name <> 'members' order by 1`,
      )
    ).rows.map((r) => r.table_name);
  const perMember = async (memberId: string) => {
    const out: Record<string, number> = {};
    for (const t of await memberTables())
      out[t] = (
        await pool.query<{ n: number }>(`select count(*)::int as n from "${t}" where member_id = $1`, [memberId])
      ).rows[0]!.n;
    return out;
  };
  const idOf = async (user: string) =>
    (await pool.query<{ id: string }>('select id from members where whop_user_id = $1', [user])).rows[0]?.id;
  const aggregates = () =>
    pool
      .query(
        `select r.*, (select count(*) from engagement_company_daily e where e.company_id = r.company_id) as engagement_days
    from revenue_daily r where r.company_id = $1 order by r.day`,
        [co.id],
      )
      .then((r) => r.rows);

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    co = await fixtures(pool).company({ whopId: 'biz_members01' });
    p = await populate(pool, co, {
      guild: '854000000000000001',
      channel: '754000000000000001',
      digestHour: 12,
      now: NOW,
    });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('removes the member and everything about them, keeps payments anonymously and the aggregates as they were', async () => {
    const ann = (await idOf(p.annUserId))!;
    const bob = (await idOf(p.bobUserId))!;
    const annRows = await perMember(ann);
    const bobRows = await perMember(bob);
    expect(
      Object.entries(annRows)
        .filter(([, n]) => n > 0)
        .map(([t]) => t),
    ).toEqual(
      expect.arrayContaining([
        'activity_events',
        'churn_alerts',
        'churn_feedback',
        'churn_outreach',
        'churn_predictions',
        'customer_mrr_spans',
        'engagement_daily',
        'memberships',
        'payments',
      ]),
    );
    const payments = (
      await pool.query<{ n: number; minor: string }>(
        'select count(*)::int as n, sum(amount_minor) as minor from payments where company_id = $1',
        [co.id],
      )
    ).rows[0];
    const annPayments = annRows.payments!;
    const revenue = await aggregates();
    const inbox = (
      await pool.query<{ n: number }>('select count(*)::int as n from webhook_inbox where company_id = $1', [co.id])
    ).rows[0]!.n;

    const r = await eraseMember(pool, co.id, p.annUserId);
    expect(r.found).toBe(true);
    expect(await idOf(p.annUserId)).toBeUndefined();
    expect(Object.values(await perMember(ann)).every((n) => n === 0)).toBe(true);
    expect(await perMember(bob)).toEqual(bobRows);
    expect(
      (
        await pool.query('select count(*)::int as n, sum(amount_minor) as minor from payments where company_id = $1', [
          co.id,
        ])
      ).rows[0],
    ).toEqual(payments);
    expect(r.changed.payments).toBe(annPayments);
    expect(
      (
        await pool.query(
          'select count(*)::int as n from payments where company_id = $1 and member_id is null and membership_id is null',
          [co.id],
        )
      ).rows[0].n,
    ).toBe(annPayments);
    expect(await aggregates()).toEqual(revenue);
    const links = await pool.query<{ kind: string }>('select kind from report_links where company_id = $1', [co.id]);
    expect(links.rows.map((l) => l.kind)).toEqual(['overview']);
    const talks = await pool.query<{ summary: string }>(
      'select summary from coach_conversations where company_id = $1',
      [co.id],
    );
    expect(talks.rows.map((t) => t.summary)).toEqual(['Asked about revenue']);
    const left = await pool.query<{ payload: unknown }>('select payload from webhook_inbox where company_id = $1', [
      co.id,
    ]);
    expect(left.rows).toHaveLength(inbox - 1);
    expect(JSON.stringify(left.rows)).not.toContain(p.annUserId);
    expect(JSON.stringify(left.rows)).toContain(p.bobUserId);
  });

  it('reports an unknown member without changing anything', async () => {
    expect(await eraseMember(pool, co.id, 'user_nobody')).toEqual({ found: false, changed: {} });
    expect(await eraseMember(pool, co.id + 1000, p.bobUserId)).toEqual({ found: false, changed: {} });
  });
});
