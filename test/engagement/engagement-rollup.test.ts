// engagement_daily against scores worked by hand from docs/metrics.md#engagement-score (company in Asia/Tokyo, UTC+9, so a day
// boundary in the wrong zone changes the numbers), plus idempotence, removal and tenant isolation.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENGAGEMENT_LOCK_CLASS as ROLLUP_LOCK_CLASS,
  SLICE_FROM_MEMBERS,
  rollupEngagement,
} from '../../core/engagement/engagement-rollup.ts';
import { BadInput } from '../../core/errors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { untilWaitingForLock } from '../helpers/advisory-locks.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';

const jst = (day: string, time = '12:00') => `${day}T${time}:00+09:00`;
let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let other: CompanyFixture;
const m: Record<string, Row> = {};

async function rows(companyId: number) {
  const res = await pool.query(
    `select member_id::int, to_char(day, 'YYYY-MM-DD') as day, messages, active, progress_points, score, last_activity_at
     from engagement_daily where company_id = $1 order by member_id, day`,
    [companyId],
  );
  return res.rows;
}
/** engagement_daily, engagement_company_daily and activity_slots of `co`. */
const everything = async () =>
  Promise.all([
    rows(co.id),
    ...['engagement_company_daily', 'activity_slots'].map(
      async (table) => (await pool.query(`select * from ${table} where company_id = $1 order by 2`, [co.id])).rows,
    ),
  ]);
async function score(member: Row, day: string): Promise<number | null> {
  const res = await pool.query(
    'select score from engagement_daily where company_id = $1 and member_id = $2 and day = $3',
    [co.id, member.id, day],
  );
  return res.rows[0]?.score ?? null;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const fx = fixtures(pool);
  co = await fx.company({ timeZone: 'Asia/Tokyo' });
  other = await fx.company({ timeZone: 'UTC' });
  for (const name of ['ann', 'bob', 'cal', 'dee', 'eve']) m[name] = await co.member({ name });
  const course = await co.content({ kind: 'course' });
  const lesson = await co.content({ kind: 'lesson', parent: course, position: 1 });
  // Ann: 12 messages on 03-10, a visit on each of the 6 days before, 150 progress points on 02-28.
  await co.events(m.ann!, [
    ...Array.from({ length: 12 }, (_, i) => ({ at: jst('2026-03-10', `09:${String(i).padStart(2, '0')}`) })),
    ...['03-04', '03-05', '03-06', '03-07', '03-08', '03-09'].map((d) => ({
      at: jst(`2026-${d}`),
      kind: 'visit' as const,
    })),
    { at: jst('2026-02-28'), kind: 'lesson_complete', content: lesson, value: 150 },
  ]);
  // Bob: 3 messages on 03-05, 2 at 00:30 on 03-07 in Tokyo (still 03-06 in UTC), 40 progress points on 02-18.
  await co.events(m.bob!, [
    ...[1, 2, 3].map(() => ({ at: jst('2026-03-05') })),
    ...[1, 2].map(() => ({ at: jst('2026-03-07', '00:30') })),
    { at: jst('2026-02-18'), kind: 'lesson_complete', content: lesson, value: 40 },
  ]);
  // Dee: one visit exactly 30 days before 03-10. Eve: one visit exactly 7 days before. Cal: nothing, ever.
  await co.event(m.dee!, { at: jst('2026-02-08'), kind: 'visit' });
  await co.event(m.eve!, { at: jst('2026-03-03'), kind: 'visit' });
  // Not mapped to a member yet: counts for nobody.
  await co.event(null, { at: jst('2026-03-10') });
  // Another tenant: a member with plenty of activity on the same days.
  const stranger = await other.member({ name: 'stranger' });
  await other.events(
    stranger,
    Array.from({ length: 20 }, (_, i) => ({ at: jst('2026-03-10', `10:${String(i).padStart(2, '0')}`) })),
  );
  await rollupEngagement(pool, co.id, '2026-02-01', '2026-03-12');
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('engagement score rollup', () => {
  it('gives full marks when every term is at its cap', () => {
    // messages7 12 >= 10, visits7 7 of 7, progress30 150 >= 100, recency 0: 100 * (0.3 + 0.2 + 0.3 + 0.2) = 100
    return expect(score(m.ann!, '2026-03-10')).resolves.toBe(100);
  });

  it('scores partial activity in the company time zone', async () => {
    // 03-10: messages7 5 -> 0.3 * 0.5 = 0.15; visits7 2 (03-05, 03-07) -> 0.2 * 2/7 = 0.057143;
    // progress30 40 -> 0.3 * 0.4 = 0.12; last activity 03-07 (Tokyo), 3 days -> 0.2 * (1 - 3/30) = 0.18
    // total 0.507143 -> 50.71 -> 51 (in UTC the last day would be 03-06: 0.500476 -> 50)
    expect(await score(m.bob!, '2026-03-10')).toBe(51);
    // 03-12: window 03-06..03-12 holds 03-07 only: 0.3 * 2/10 = 0.06; 0.2 * 1/7 = 0.028571; progress 0.12;
    // recency 5 -> 0.2 * 25/30 = 0.166667; total 0.375238 -> 38
    expect(await score(m.bob!, '2026-03-12')).toBe(38);
    // 03-18 is 29 days after 02-18 but outside the rollup range: no row was written beyond 03-12
    expect(await score(m.bob!, '2026-03-18')).toBeNull();
  });

  it('keeps the day facts and the last activity on the row', async () => {
    const bob = (await rows(co.id)).filter((r) => r.member_id === m.bob!.id);
    const d0307 = bob.find((r) => r.day === '2026-03-07')!;
    expect(d0307).toMatchObject({ messages: 2, active: true, progress_points: 0 });
    expect((d0307.last_activity_at as Date).toISOString()).toBe('2026-03-06T15:30:00.000Z');
    const d0218 = bob.find((r) => r.day === '2026-02-18')!;
    expect(d0218).toMatchObject({ messages: 0, active: true, progress_points: 40 });
    expect(bob.find((r) => r.day === '2026-03-08')).toMatchObject({ messages: 0, active: false });
  });

  it('decays recency to 0 at 30 days and writes no row after that', async () => {
    // Dee on 03-09: 29 days since 02-08, nothing else in the windows: 100 * 0.2 * (1 - 29/30) = 0.67 -> 1
    expect(await score(m.dee!, '2026-03-09')).toBe(1);
    // 03-10: 30 days -> every term is 0 -> no row (reads as score 0)
    expect(await score(m.dee!, '2026-03-10')).toBeNull();
    // Eve, visit on 03-03: on 03-09 (6 days) visits7 1 -> 0.2/7 = 0.028571, recency 0.2 * 24/30 = 0.16 -> 18.86 -> 19;
    // on 03-10 (7 days) the visit has left the 7-day window: 0.2 * 23/30 = 0.153333 -> 15
    expect(await score(m.eve!, '2026-03-09')).toBe(19);
    expect(await score(m.eve!, '2026-03-10')).toBe(15);
  });

  it('has no row for a member who was never active, nor for unmapped activity', async () => {
    const all = await rows(co.id);
    expect(all.some((r) => r.member_id === m.cal!.id)).toBe(false);
    expect(new Set(all.map((r) => r.member_id))).toEqual(new Set([m.ann!.id, m.bob!.id, m.dee!.id, m.eve!.id]));
  });

  it('changes nothing when run twice', async () => {
    const before = await everything();
    expect(before[2]!.length).toBeGreaterThan(0);
    expect(before[1]).toHaveLength(40);
    const again = await rollupEngagement(pool, co.id, '2026-02-01', '2026-03-12');
    expect(again.written).toBe(0);
    expect(again.removed).toBe(0);
    expect(again.rows).toBe(before[0]!.length);
    expect(await everything()).toEqual(before);
  });

  it('gives the same rows in slices, each slice starting only once the company lock is held', async () => {
    const before = await everything();
    await pool.query('delete from engagement_daily where company_id = $1', [co.id]);
    await pool.query('delete from engagement_company_daily where company_id = $1', [co.id]);
    // Another holder of the company's rollup lock (a rollup, an erasure): the sliced run must wait for it whole.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    let run: ReturnType<typeof rollupEngagement> | undefined;
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock($1, $2)', [ROLLUP_LOCK_CLASS, co.id]);
      run = rollupEngagement(pool, co.id, '2026-02-01', '2026-03-12', { slices: 3 });
      await untilWaitingForLock(pool, ROLLUP_LOCK_CLASS, co.id);
      const busy = await pool.query(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query like '%active_days as%'`,
      );
      expect(busy.rows[0].n).toBe(0);
      expect(await rows(co.id)).toEqual([]);
    } finally {
      await holder.query('commit');
      await holder.end();
    }
    const r = await run;
    expect(r).toEqual({ rows: before[0]!.length, written: before[0]!.length, removed: 0 });
    expect(await everything()).toEqual(before);
    // Members fall in different slices (member_id modulo 3): the split was real.
    expect(new Set(before[0]!.map((x) => (x.member_id as number) % 3)).size).toBeGreaterThan(1);
  });

  it('slices a large company by default, with only the connections its pool can spare', async () => {
    const big = await fixtures(pool).company({ timeZone: 'UTC' });
    await pool.query(
      `insert into members (company_id, whop_user_id, whop_member_id, status)
       select $1, 'user_big_' || i, 'mber_big_' || i, 'joined' from generate_series(1, $2::int) i`,
      [big.id, SLICE_FROM_MEMBERS],
    );
    const someone = (await pool.query('select id from members where company_id = $1 limit 1', [big.id])).rows[0];
    await big.event({ id: Number(someone.id), whopId: '' }, { at: '2026-03-10T12:00:00Z' });
    // A pool of one: the chunk's own transaction holds it, so no second slice (waiting for one would never end).
    const one = new pg.Pool({ connectionString: db.url, max: 1 });
    const two = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      expect(await rollupEngagement(one, big.id, '2026-03-10', '2026-03-11')).toEqual({
        rows: 2,
        written: 2,
        removed: 0,
      });
      expect(one.totalCount).toBe(1);
      await pool.query('delete from engagement_daily where company_id = $1', [big.id]);
      // A pool of two: the second slice takes the other connection; the same rows.
      expect(await rollupEngagement(two, big.id, '2026-03-10', '2026-03-11')).toEqual({
        rows: 2,
        written: 2,
        removed: 0,
      });
      expect(two.totalCount).toBe(2);
      // One message on 03-10: 0.3 * 1/10 + 0.2 * 1/7 + 0 + 0.2 = 0.258571 -> 26; 03-11, one day later: recency
      // 0.2 * 29/30 = 0.193333 -> 0.251905 -> 25
      const scores = await pool.query(
        `select to_char(day, 'MM-DD') as day, score from engagement_daily where company_id = $1 order by day`,
        [big.id],
      );
      expect(scores.rows).toEqual([
        { day: '03-10', score: 26 },
        { day: '03-11', score: 25 },
      ]);
    } finally {
      await one.end();
      await two.end();
    }
  });

  it('refuses a slice count it cannot run', async () => {
    await expect(rollupEngagement(pool, co.id, '2026-03-10', '2026-03-10', { slices: 0 })).rejects.toThrow(
      'slices must be a whole number from 1, not 0',
    );
    const one = new pg.Client({ connectionString: db.url });
    await one.connect();
    try {
      await expect(rollupEngagement(one, co.id, '2026-03-10', '2026-03-10', { slices: 2 })).rejects.toThrow(
        'a sliced rollup needs a pool',
      );
    } finally {
      await one.end();
    }
  });

  it('removes rows the events no longer support when the range is recomputed', async () => {
    await pool.query(`delete from activity_events where company_id = $1 and member_id = $2`, [co.id, m.dee!.id]);
    // Dee had a row on each of the 30 days 02-08..03-09; only days inside the range are recomputed.
    const r = await rollupEngagement(pool, co.id, '2026-03-01', '2026-03-12');
    expect(r.removed).toBe(9);
    expect(await score(m.dee!, '2026-03-09')).toBeNull();
    // 02-28 is outside the recomputed range and keeps its row: 20 days after 02-08, 0.2 * (1 - 20/30) = 0.0667 -> 7
    expect(await score(m.dee!, '2026-02-28')).toBe(7);
  });

  it('touches only its own company', async () => {
    expect(await rows(other.id)).toEqual([]);
    await rollupEngagement(pool, other.id, '2026-03-10', '2026-03-10');
    const theirs = await rows(other.id);
    expect(theirs).toHaveLength(1);
    // 20 messages that day: 0.3 + 0.2 * 1/7 + 0 + 0.2 = 0.528571 -> 53
    expect(theirs[0]).toMatchObject({ day: '2026-03-10', messages: 20, score: 53 });
    expect(await score(m.ann!, '2026-03-10')).toBe(100);
  });

  it('uses the company weights and caps', async () => {
    const fx = fixtures(pool);
    const custom = await fx.company({
      timeZone: 'Asia/Tokyo',
      settings: { engagement: { weights: { messages: 0.5, visits: 0 }, caps: { messages: 5 } } },
    });
    const bob = await custom.member();
    await custom.events(bob, [
      ...[1, 2, 3].map(() => ({ at: jst('2026-03-05') })),
      ...[1, 2].map(() => ({ at: jst('2026-03-07', '00:30') })),
    ]);
    await rollupEngagement(pool, custom.id, '2026-03-10', '2026-03-10');
    // 0.5 * min(5/5, 1) + 0 * visits + 0.3 * 0 + 0.2 * (1 - 3/30) = 0.5 + 0.18 = 0.68 -> 68
    const res = await pool.query('select score from engagement_daily where company_id = $1', [custom.id]);
    expect(res.rows).toEqual([{ score: 68 }]);
  });

  it('rounds a score of exactly n.5 up, as on paper (float8 arithmetic alone rounds 44.5 to the even 44)', async () => {
    const fx = fixtures(pool);
    const tie = await fx.company({ timeZone: 'UTC' });
    const fay = await tie.member({ name: 'fay' });
    const course = await tie.content({ kind: 'course' });
    const lesson = await tie.content({ kind: 'lesson', parent: course, position: 1 });
    await tie.events(fay, [
      ...['04', '05', '06', '07', '08', '09'].map((d) => ({ at: `2026-03-${d}T12:00:00Z`, kind: 'visit' as const })),
      { at: '2026-03-10T12:00:00Z' },
      { at: '2026-03-10T13:00:00Z', kind: 'lesson_complete', content: lesson, value: 5 },
    ]);
    await rollupEngagement(pool, tie.id, '2026-03-10', '2026-03-10');
    // 03-10: messages7 1 -> 0.3 * 1/10 = 0.03; visits7 7 -> 0.2; progress30 5 -> 0.3 * 5/100 = 0.015; recency 0 ->
    // 0.2; total 0.445 -> 44.5 -> 45
    const res = await pool.query('select score from engagement_daily where company_id = $1', [tie.id]);
    expect(res.rows).toEqual([{ score: 45 }]);
  });

  it('refuses bad settings and bad days with a clear error', async () => {
    const fx = fixtures(pool);
    const bad = await fx.company({ settings: { engagement: { weights: { messages: 0.6 } } } });
    await expect(rollupEngagement(pool, bad.id, '2026-03-10', '2026-03-10')).rejects.toThrow(
      'company settings engagement.weights must sum to 1, not 1.3',
    );
    const worse = await fx.company({ settings: { engagement: { caps: { visits: -1 } } } });
    await expect(rollupEngagement(pool, worse.id, '2026-03-10', '2026-03-10')).rejects.toThrow(
      /engagement\.caps\.visits/,
    );
    await expect(rollupEngagement(pool, co.id, '2026-03-10', '2026-03-09')).rejects.toThrow(BadInput);
    await expect(rollupEngagement(pool, co.id, '2026-3-10', '2026-03-10')).rejects.toThrow(
      'fromDay must be a calendar date YYYY-MM-DD, not "2026-3-10"',
    );
    await expect(rollupEngagement(pool, 987_654, '2026-03-10', '2026-03-10')).rejects.toThrow('no company 987654');
  });
});
