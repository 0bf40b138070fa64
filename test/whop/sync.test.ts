// Backfill and incremental sync from the fake Whop through the official SDK into PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCompany } from '../../core/whop/sync.ts';
import { actualFigures, companySnapshot, expectedFigures, rowVersions } from './expected.ts';
import { whopWorld, type WhopWorld } from './world.ts';

describe('sync from the fake Whop', () => {
  let w: WhopWorld;
  beforeAll(async () => {
    w = await whopWorld({ seed: 11, members: 150 });
  });
  afterAll(() => w?.close());

  it('backfills every resource exactly: counts and money sums per table', async () => {
    const reltuples = async (table: string) =>
      Number((await w.pool.query(`select reltuples::float8 as n from pg_class where relname = $1`, [table])).rows[0].n);
    expect(await reltuples('members')).toBe(-1); // never analyzed: PostgreSQL's planner would guess
    const report = await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    // A bulk load: the tables it filled are analyzed before anything plans against them (the webhook ingestor).
    expect(report.analyzed).toEqual(expect.arrayContaining(['members', 'memberships', 'payments']));
    expect(await reltuples('members')).toBe(w.data.members.length);
    const expected = expectedFigures(w.data);
    expect(expected.payments).toBeGreaterThan(100);
    expect(expected.refunds).toBeGreaterThan(0);
    expect(expected.lessonCompletes).toBeGreaterThan(0);
    expect(await actualFigures(w.pool, w.company.id)).toEqual(expected);
    expect(report.totals.skipped).toBe(0);
    expect(report.totals.fetched).toBe(
      expected.products +
        expected.plans +
        w.data.members.length +
        expected.memberships +
        expected.payments +
        expected.refunds +
        expected.courses +
        expected.lessons +
        expected.messages +
        expected.forumPosts +
        expected.lessonViews +
        expected.lessonCompletes,
    );
    const states = await w.pool.query(`select resource, status, cursor from sync_state where company_id = $1`, [
      w.company.id,
    ]);
    expect(states.rows.every((s) => s.status === 'done')).toBe(true);
  });

  it('stores one payment exactly as Whop sent it (minor units, links, times)', async () => {
    const p =
      w.data.payments.find((x) => x.membership && x.total && Math.round(x.total * 100) % 100 !== 0) ??
      w.data.payments[0]!;
    const { rows } = await w.pool.query(
      `select pa.amount_minor, pa.currency, pa.status, pa.paid_at, ms.whop_id as membership, m.whop_user_id
      from payments pa left join memberships ms on ms.id = pa.membership_id left join members m on m.id = pa.member_id
      where pa.company_id = $1 and pa.whop_id = $2`,
      [w.company.id, p.id],
    );
    expect(rows[0]).toEqual({
      amount_minor: String(Math.round(p.total! * 100)),
      currency: p.currency,
      status: p.status,
      paid_at: p.paid_at ? new Date(p.paid_at) : null,
      membership: p.membership?.id ?? null,
      whop_user_id: p.user?.id ?? null,
    });
  });

  it('a second sync, incremental or full, writes nothing', async () => {
    const before = await rowVersions(w.pool);
    const incremental = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
    const full = await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    for (const r of [incremental, full]) {
      expect(r.totals.inserted + r.totals.updated).toBe(0);
      expect(r.analyzed).toEqual([]);
    }
    expect(full.totals.fetched).toBeGreaterThan(incremental.totals.fetched);
    expect(await rowVersions(w.pool)).toBe(before);
  });

  it('an incremental sync picks up new and changed payments through updated_after', async () => {
    const old = w.data.payments.find((p) => p.status === 'paid')!;
    await w.fake.mutations.changePayment(w.company.whopCompanyId, old.id, {
      refunded_amount: 1.5,
      substatus: 'partially_refunded',
    });
    const fresh = {
      ...old,
      id: 'pay_incremental_new',
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      total: 12.34,
    };
    await w.fake.mutations.addPayment(w.company.whopCompanyId, fresh);
    const r = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
    const payments = r.tasks.find((t) => t.resource === 'payments')!;
    expect(payments.fetched).toBeLessThan(10);
    expect(payments).toMatchObject({ inserted: 1, updated: 1 });
    const { rows } = await w.pool.query(
      `select whop_id, amount_minor, refunded_amount_minor, substatus from payments where company_id = $1 and whop_id = any($2) order by whop_id`,
      [w.company.id, [old.id, fresh.id]],
    );
    expect(rows).toEqual(
      [
        {
          whop_id: old.id,
          amount_minor: String(Math.round(old.total! * 100)),
          refunded_amount_minor: '150',
          substatus: 'partially_refunded',
        },
        {
          whop_id: fresh.id,
          amount_minor: '1234',
          refunded_amount_minor: String(Math.round((old.refunded_amount ?? 0) * 100)),
          substatus: old.substatus,
        },
      ].sort((a, b) => a.whop_id.localeCompare(b.whop_id)),
    );
  });

  it('a membership change (no updated filter on Whop) arrives with the full reconcile', async () => {
    const m = w.data.memberships.find((x) => x.status === 'active')!;
    await w.fake.mutations.changeMembership(w.company.whopCompanyId, m.id, {
      status: 'canceled',
      canceled_at: new Date().toISOString(),
      cancel_option: 'too_expensive',
    });
    const incremental = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
    expect(incremental.tasks.find((t) => t.resource === 'memberships')!.updated).toBe(0);
    const full = await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    expect(full.tasks.find((t) => t.resource === 'memberships')).toMatchObject({ updated: 1, inserted: 0 });
    const { rows } = await w.pool.query(
      `select status, cancel_option, ended_at is not null as ended from memberships where company_id = $1 and whop_id = $2`,
      [w.company.id, m.id],
    );
    expect(rows[0]).toEqual({ status: 'canceled', cancel_option: 'too_expensive', ended: true });
  });

  it('a clean database synced from scratch holds the same data as the one synced step by step', async () => {
    const other = await whopWorld({ seed: 11, members: 150 });
    try {
      other.fake.store.companies.clear();
      for (const [id, c] of w.fake.store.companies) other.fake.store.companies.set(id, c);
      await syncCompany(other.pool, other.api(), other.company, { mode: 'full' });
      expect(await companySnapshot(other.pool, other.company.id)).toEqual(await companySnapshot(w.pool, w.company.id));
    } finally {
      await other.close();
    }
  });
});
