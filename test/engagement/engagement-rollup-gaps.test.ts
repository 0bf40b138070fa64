// engagement_daily across a long quiet spell, worked by hand from docs/metrics.md#engagement-score: activity more
// than 29 days back must drop out of every window, the days in between have no row, and a range that starts inside
// the spell reads its lookback correctly. Also: one run over the whole range equals the same days rolled up piecewise.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';

const utc = (day: string, time = '12:00') => `${day}T${time}:00Z`;
let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let fay: Row;

async function scores(): Promise<Record<string, number>> {
  const res = await pool.query<{ day: string; score: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, score from engagement_daily where company_id = $1 and member_id = $2 order by day`,
    [co.id, fay.id],
  );
  return Object.fromEntries(res.rows.map((r) => [r.day, r.score]));
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  co = await fixtures(pool).company({ timeZone: 'UTC' });
  fay = await co.member({ name: 'fay' });
  // Five messages on 01-05, then nothing until one message on 02-20.
  await co.events(fay, [
    ...Array.from({ length: 5 }, (_, i) => ({ at: utc('2026-01-05', `09:0${i}`) })),
    { at: utc('2026-02-20') },
  ]);
});

afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('engagement rollup over a quiet spell', () => {
  // 02-01 is 27 days after 01-05: recency 0.2 * (1 - 27/30) = 0.02 -> 2; 02-02: 0.2 * 2/30 -> 1.33 -> 1; 02-03: 0.67 -> 1;
  // 02-04 is 30 days after: no row. 02-20: messages7 1 (0.3 * 1/10 = 0.03), visits7 1 (0.2 * 1/7 = 0.028571), recency 0.2 -> 25.86 -> 26;
  // 02-21: the same but recency 0.2 * 29/30 = 0.193333 -> 25.19 -> 25; 02-26: message and visit still in the 7 days, recency
  // 0.2 * 24/30 = 0.16 -> 21.86 -> 22; 02-27: both out of the 7 days, recency 0.2 * 23/30 = 0.153333 -> 15; 02-28: 0.146667 -> 15.
  const expected = {
    '2026-02-01': 2,
    '2026-02-02': 1,
    '2026-02-03': 1,
    '2026-02-20': 26,
    '2026-02-21': 25,
    '2026-02-26': 22,
    '2026-02-27': 15,
    '2026-02-28': 15,
  };

  it('drops old activity out of the windows and writes no row for the quiet days', async () => {
    await rollupEngagement(pool, co.id, '2026-02-01', '2026-02-28');
    const got = await scores();
    for (const [day, score] of Object.entries(expected)) expect(got[day], day).toBe(score);
    expect(Object.keys(got).filter((d) => d > '2026-02-03' && d < '2026-02-20')).toEqual([]);
    expect(Object.keys(got)).toHaveLength(3 + 9);
  });

  it('gives the same rows when the days are rolled up piece by piece', async () => {
    const whole = await scores();
    await pool.query('delete from engagement_daily where company_id = $1', [co.id]);
    for (const [from, to] of [
      ['2026-02-01', '2026-02-02'],
      ['2026-02-03', '2026-02-20'],
      ['2026-02-21', '2026-02-28'],
    ] as const) {
      await rollupEngagement(pool, co.id, from, to);
    }
    expect(await scores()).toEqual(whole);
  });
});
