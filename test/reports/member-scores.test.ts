// One member's daily scores and last activity for the member profile, read day by day on engagement_daily's key
// (company_id, day, member_id), with the raw events for a member who has no row in the period. Scores worked by
// hand from docs/metrics.md#engagement-score; the company is in Asia/Tokyo (UTC+9) so a day end taken in the
// wrong zone shows.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { memberScores } from '../../core/reports/sections/member.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let ann: Row;
let bob: Row;
let cal: Row;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const fx = fixtures(pool);
  co = await fx.company({ timeZone: 'Asia/Tokyo' });
  ann = await co.member({ name: 'ann' });
  bob = await co.member({ name: 'bob' });
  cal = await co.member({ name: 'cal' });
  // Ann: one message at 21:00 Tokyo on 03-10; later one at 05:00 Tokyo on 04-26 (still 04-25 in UTC).
  await co.events(ann, [{ at: '2026-03-10T12:00:00Z' }, { at: '2026-04-25T20:00:00Z' }]);
  // Bob: twelve messages on 03-11, the same days as Ann's rows. Cal: nothing, ever.
  await co.events(
    bob,
    Array.from({ length: 12 }, (_, i) => ({ at: `2026-03-11T0${i % 9}:0${i % 7}:00Z` })),
  );
  // Another company's member, active the same days.
  const other = await fx.company({ timeZone: 'Asia/Tokyo' });
  await other.events(await other.member(), [{ at: '2026-03-10T12:00:00Z' }]);
  for (const c of [co.id, other.id]) await rollupEngagement(pool, c, '2026-03-01', '2026-03-20');
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("a member's scores for the profile", () => {
  it('reads the days of the period that have a row, and the last activity from the latest of them', async () => {
    const s = await memberScores(pool, co.id, ann.id, '2026-03-09', '2026-03-11');
    // 03-10: 0.3 * 1/10 + 0.2 * 1/7 + 0 + 0.2 = 0.258571 -> 26; 03-11: recency 0.2 * 29/30 -> 0.251905 -> 25
    expect([...s.daily]).toEqual([
      ['2026-03-10', 26],
      ['2026-03-11', 25],
    ]);
    expect(s.lastActivityAt?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
  });

  it('reads the whole period day by day, up to its last day', async () => {
    const s = await memberScores(pool, co.id, ann.id, '2026-03-01', '2026-03-20');
    // A row on each day from 03-10 to the end of the rolled-up range; 03-20 is 10 days on: 0.2 * 20/30 -> 13
    expect([...s.daily.keys()]).toEqual(Array.from({ length: 11 }, (_, i) => `2026-03-${String(10 + i)}`));
    expect(s.daily.get('2026-03-20')).toBe(13);
    const bobs = await memberScores(pool, co.id, bob.id, '2026-03-01', '2026-03-20');
    // Bob's 03-11: 12 messages -> 0.3 + 0.2 * 1/7 + 0 + 0.2 = 0.528571 -> 53
    expect(bobs.daily.get('2026-03-11')).toBe(53);
    expect(bobs.daily.has('2026-03-10')).toBe(false);
  });

  it('takes the last activity from the raw events when the period has no row, up to the end of its last local day', async () => {
    const s = await memberScores(pool, co.id, ann.id, '2026-04-20', '2026-04-25');
    expect(s.daily.size).toBe(0);
    // The 04-25T20:00Z message is on 04-26 in Tokyo: after the period.
    expect(s.lastActivityAt?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    const later = await memberScores(pool, co.id, ann.id, '2026-04-20', '2026-04-26');
    expect(later.lastActivityAt?.toISOString()).toBe('2026-04-25T20:00:00.000Z');
  });

  it('has nothing for a member never active, nor for a member of another company', async () => {
    expect(await memberScores(pool, co.id, cal.id, '2026-03-01', '2026-03-20')).toEqual({
      daily: new Map(),
      lastActivityAt: null,
    });
    const otherMember = (
      await pool.query<{ id: string }>('select id from members where company_id <> $1 limit 1', [co.id])
    ).rows[0]!;
    expect(await memberScores(pool, co.id, Number(otherMember.id), '2026-03-01', '2026-03-20')).toEqual({
      daily: new Map(),
      lastActivityAt: null,
    });
  });
});
