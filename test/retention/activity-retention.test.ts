// activity_events' storage follows the tiers: monthly partitions (events land in their month, the upkeep creates
// months ahead once and moves stragglers out of the default partition), a month past every tier's window is dropped
// whole only once every company in it is rolled up past it, a Free company's raw events past its window go while
// its rollups stay, and a repeated event is still recognised. Clocks are fixed far from today, so the months the
// migration created around the real date play no part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  dropExpiredPartitions,
  ensurePartitions,
  pruneTierWindows,
  rawEventCutoff,
  RAW_EVENT_LOOKBACK_DAYS,
} from '../../core/retention/activity-retention.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

describe('activity_events partitions and tier retention', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  async function company(whop: string, tier: 'free' | 'pro' | 'enterprise'): Promise<{ id: number; member: number }> {
    const c = (
      await pool.query<{ id: string }>(
        `insert into companies (whop_company_id, name, tier) values ($1, $1, $2) returning id`,
        [whop, tier],
      )
    ).rows[0]!;
    const m = (
      await pool.query<{ id: string }>(
        `insert into members (company_id, whop_user_id) values ($1, 'user_1') returning id`,
        [c.id],
      )
    ).rows[0]!;
    return { id: Number(c.id), member: Number(m.id) };
  }

  async function event(
    companyId: number,
    memberId: number,
    at: string,
    externalId: string | null = null,
  ): Promise<void> {
    await pool.query(
      `insert into activity_events (company_id, member_id, kind, source, occurred_at, external_id)
      values ($1, $2, 'message', 'discord', $3, $4)`,
      [companyId, memberId, at, externalId],
    );
  }

  async function rolledUp(companyId: number, memberId: number, days: string[]): Promise<void> {
    for (const day of days) {
      await pool.query(
        `insert into engagement_company_daily (company_id, day, members, score_sum, active) values ($1, $2, 1, 50, 1)`,
        [companyId, day],
      );
      await pool.query(
        `insert into engagement_daily (company_id, member_id, day, messages, active, score) values ($1, $2, $3, 1, true, 50)`,
        [companyId, memberId, day],
      );
    }
  }

  async function partitionsOf(companyId: number): Promise<string[]> {
    const { rows } = await pool.query<{ p: string }>(
      `select tableoid::regclass::text as p from activity_events where company_id = $1 order by occurred_at`,
      [companyId],
    );
    return rows.map((r) => r.p);
  }

  async function count(sql: string, values: unknown[]): Promise<number> {
    return (await pool.query<{ n: number }>(sql, values)).rows[0]!.n;
  }

  it('the raw-event cutoffs: the tier window plus the 60-day lookback, at a UTC midnight', () => {
    expect(RAW_EVENT_LOOKBACK_DAYS).toBe(60);
    const now = new Date('2031-03-15T13:00:00Z');
    // 7 + 60 = 67 days before 15 March 2031: 28 days back to 15 Feb, 31 to 15 Jan, 8 more.
    expect(rawEventCutoff('free', now).toISOString()).toBe('2031-01-07T00:00:00.000Z');
    // 365 + 60 days: 15 March 2030, then 28 + 31 + 1 days more.
    expect(rawEventCutoff('enterprise', now).toISOString()).toBe('2030-01-14T00:00:00.000Z');
  });

  it('creates the months ahead once (idempotent, one worker at a time) and events land in their month', async () => {
    const now = new Date('2031-03-15T12:00:00Z');
    const [a, b] = await Promise.all([ensurePartitions(pool, now, 2), ensurePartitions(pool, now, 2)]);
    // From January 2030 (the month of the longest cutoff, 14 January 2030) to May 2031: 17 months.
    const months = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => {
        const m = from + i;
        return `activity_events_p${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
      });
    expect([...a.created, ...b.created].sort()).toEqual(months(2030 * 12, 2031 * 12 + 4));
    expect(a.created.length * b.created.length).toBe(0); // one of the two did it all
    expect((await ensurePartitions(pool, now, 2)).created).toEqual([]);

    const c = await company('biz_months', 'enterprise');
    await event(c.id, c.member, '2031-03-31T23:59:59.999Z');
    await event(c.id, c.member, '2031-04-01T00:00:00Z');
    await event(c.id, c.member, '2031-09-01T00:00:00Z');
    expect(await partitionsOf(c.id)).toEqual([
      'activity_events_p203103',
      'activity_events_p203104',
      'activity_events_default',
    ]);

    // September's partition, once made, takes its straggler out of the default partition.
    const later = await ensurePartitions(pool, new Date('2031-07-02T00:00:00Z'), 2);
    expect(later.created).toEqual(months(2031 * 12 + 5, 2031 * 12 + 8)); // June to September 2031
    expect(await partitionsOf(c.id)).toEqual([
      'activity_events_p203103',
      'activity_events_p203104',
      'activity_events_p203109',
    ]);
  });

  it('drops a month past every window only once each company in it is rolled up past it; rollups stay', async () => {
    await ensurePartitions(pool, new Date('2029-12-10T00:00:00Z'), 1); // October 2028 to January 2030
    const c = await company('biz_old_month', 'enterprise');
    await event(c.id, c.member, '2029-12-31T23:00:00Z');
    await event(c.id, c.member, '2030-01-20T00:00:00Z');
    await rolledUp(c.id, c.member, ['2029-12-31']);
    const now = new Date('2031-03-15T12:00:00Z'); // cutoff 14 January 2030: December 2029 is wholly before it

    // (The other months made above and those the migration made around today are empty and far before this
    // clock's cutoff: they go too.)
    const first = await dropExpiredPartitions(pool, now);
    expect(first.dropped).not.toContain('activity_events_p202912');
    expect(first.kept).toEqual(['activity_events_p202912']); // rolled up to 31 Dec, not to 1 Jan (a later time zone's 31 Dec)

    await rolledUp(c.id, c.member, ['2030-01-01']);
    const second = await dropExpiredPartitions(pool, now);
    expect(second).toEqual({ dropped: ['activity_events_p202912'], kept: [] });
    expect(await count(`select count(*)::int as n from pg_class where relname = 'activity_events_p202912'`, [])).toBe(
      0,
    );
    expect(await partitionsOf(c.id)).toEqual(['activity_events_p203001']); // January 2030 ends after the cutoff
    expect(await count('select count(*)::int as n from engagement_company_daily where company_id = $1', [c.id])).toBe(
      2,
    );
    expect(await count('select count(*)::int as n from engagement_daily where company_id = $1', [c.id])).toBe(2);
  });

  it("deletes a Free company's raw events past its window, only days already rolled up, and keeps its rollups", async () => {
    const now = new Date('2031-03-15T12:00:00Z'); // Free cutoff: 7 January 2031
    const free = await company('biz_free', 'free');
    const late = await company('biz_free_not_rolled', 'free');
    const ent = await company('biz_enterprise', 'enterprise');
    for (const c of [free, late, ent]) {
      for (const at of [
        '2030-12-20T10:00:00Z',
        '2031-01-03T10:00:00Z',
        '2031-01-06T23:59:59Z',
        '2031-01-07T00:00:00Z',
        '2031-03-10T10:00:00Z',
      ]) {
        await event(c.id, c.member, at);
      }
    }
    await rolledUp(free.id, free.member, ['2030-12-20', '2031-01-03', '2031-01-06', '2031-03-14']);
    await rolledUp(late.id, late.member, ['2030-12-20', '2031-01-02']); // its rollup stopped on 2 January
    await rolledUp(ent.id, ent.member, ['2031-03-14']);

    const deleted = await pruneTierWindows(pool, now, { batch: 2 }); // batches of 2: several rounds
    expect(deleted).toEqual({ [free.id]: 3, [late.id]: 1 });
    const left = async (id: number) =>
      (
        await pool.query<{ at: string }>(
          `select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at from activity_events where company_id = $1 order by 1`,
          [id],
        )
      ).rows.map((r) => r.at);
    expect(await left(free.id)).toEqual(['2031-01-07T00:00:00', '2031-03-10T10:00:00']);
    expect(await left(late.id)).toEqual([
      '2031-01-03T10:00:00',
      '2031-01-06T23:59:59',
      '2031-01-07T00:00:00',
      '2031-03-10T10:00:00',
    ]);
    expect(await left(ent.id)).toHaveLength(5);
    expect(await count('select count(*)::int as n from engagement_daily where company_id = $1', [free.id])).toBe(4);
    expect(
      await count('select count(*)::int as n from engagement_company_daily where company_id = $1', [free.id]),
    ).toBe(4);
    expect(await pruneTierWindows(pool, now)).toEqual({});
  });

  it("deletes an enterprise company's straggler in the default partition once past its window and rolled up", async () => {
    const now = new Date('2031-03-15T12:00:00Z'); // enterprise cutoff: 14 January 2030
    const c = await company('biz_straggler', 'enterprise');
    await event(c.id, c.member, '2019-05-01T10:00:00Z'); // no monthly partition holds May 2019
    await event(c.id, c.member, '2031-03-10T10:00:00Z');
    expect((await partitionsOf(c.id))[0]).toBe('activity_events_default');
    expect((await pruneTierWindows(pool, now))[c.id]).toBeUndefined(); // not rolled up at all yet: kept
    await rolledUp(c.id, c.member, ['2031-03-14']);
    expect((await pruneTierWindows(pool, now))[c.id]).toBe(1);
    expect(await partitionsOf(c.id)).toHaveLength(1);
    expect(await count(`select count(*)::int as n from activity_events_default where company_id = $1`, [c.id])).toBe(0);
  });

  it("still recognises a repeated event (the dedupe key carries the source's own time)", async () => {
    const c = await company('biz_dupes', 'pro');
    const insert = `insert into activity_events (company_id, member_id, kind, source, occurred_at, external_id)
      values ($1, $2, 'message', 'discord', $3, $4)
      on conflict (company_id, source, external_id, occurred_at) where external_id is not null do nothing returning id`;
    expect((await pool.query(insert, [c.id, c.member, '2031-03-02T08:00:00Z', 'msg_1'])).rows).toHaveLength(1);
    expect((await pool.query(insert, [c.id, c.member, '2031-03-02T08:00:00Z', 'msg_1'])).rows).toHaveLength(0);
    expect(await count('select count(*)::int as n from activity_events where company_id = $1', [c.id])).toBe(1);
    // The key is unique across the whole partitioned table, not per partition only.
    const indexes = await pool.query<{ def: string }>(`select pg_get_indexdef(indexrelid) as def from pg_index
      where indrelid = 'activity_events'::regclass and indisunique and not indisprimary`);
    expect(indexes.rows.map((r) => r.def)).toEqual([
      expect.stringMatching(/\(company_id, source, external_id, occurred_at\) WHERE \(external_id IS NOT NULL\)/),
    ]);
  });
});
