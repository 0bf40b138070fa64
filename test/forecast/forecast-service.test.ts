// The company forecast reads its history from the revenue rollup: three $10 monthly subscriptions from
// 2026-01-01, paid 6 times 30 days apart (covered to 06-30), give MRR 3,000 on each day 01-01..06-20 (asOf day).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mrrForecast } from '../../core/forecast/forecast.service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let pool: pg.Pool;
let companyId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const co = await fixtures(pool).company({ timeZone: 'UTC' });
  companyId = co.id;
  const plan = await co.plan({ price: 1000, periodDays: 30 });
  for (const name of ['a', 'b', 'c'])
    await co.subscribe(await co.member({ name }), plan, { at: '2026-01-01T12:00:00Z', payments: 6 });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('mrrForecast', () => {
  it('forecasts a flat history flat from the day after asOf', async () => {
    const { forecast, backtest } = await mrrForecast(pool, companyId, { asOf: new Date('2026-06-20T18:00:00Z') });
    if (!forecast.ok) throw new Error(forecast.reason);
    expect(forecast.lastDay).toBe('2026-06-20');
    expect(forecast.points).toHaveLength(90);
    expect(forecast.points[0]).toEqual({ day: '2026-06-21', mrrMinor: 3000, lowMinor: 3000, highMinor: 3000 });
    expect(forecast.points[89]).toEqual({ day: '2026-09-18', mrrMinor: 3000, lowMinor: 3000, highMinor: 3000 });
    // 171 days (index 0..170): cut-offs 169, 162, ..., 92 (12; 85 has under 90 days of history);
    // scored at 30 days those up to 170 - 30 = 140 (92..134: 7), at 90 days none
    expect(backtest.cutoffs).toHaveLength(12);
    expect(backtest.cutoffs[0]).toBe(92);
    expect(backtest.pulse.samples[30]).toBe(7);
    expect(backtest.pulse.mape[30]).toBe(0);
    expect(backtest.pulse.mape[90]).toBeNull();
    // every method is exact on a flat line: a tie is not a win, and the verdict says so
    expect(backtest.beatsNaive).toBe(false);
    expect(backtest.verdict).toMatch(/^The forecast does NOT beat both baselines/);
    expect(backtest.verdict).toMatch(/Not scored at 90 days: the history is too short\.$/);
  });

  it('says when the history is too short', async () => {
    const { forecast } = await mrrForecast(pool, companyId, { asOf: new Date('2026-01-10T00:00:00Z') });
    expect(forecast).toMatchObject({ ok: false, historyDays: 10, neededDays: 28 });
  });
});
