// MRR contribution: usual periods snap to whole months, others are price * (365/12) / days; whole cents,
// halves up. Expected values worked out by hand; the SQL twin must agree with the TypeScript rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import {
  divideRoundHalfUp,
  mrrContribution,
  mrrContributionSql,
  snappedMonths,
} from '../../core/revenue/mrr-contribution.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { testPool } from './pool.ts';

describe('mrrContribution', () => {
  it('snaps the usual periods to whole months', () => {
    expect([28, 30, 31, 89, 90, 92, 180, 184, 360, 365, 366].map(snappedMonths)).toEqual([
      1, 1, 1, 3, 3, 3, 6, 6, 12, 12, 12,
    ]);
    expect([7, 27, 32, 45, 88, 93, 179, 185, 359, 367].map(snappedMonths)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('spreads annual, quarterly and half-yearly prices over months', () => {
    expect(mrrContribution(12_000, 365)).toBe(1_000); // $120 a year = $10 a month
    expect(mrrContribution(29_900, 365)).toBe(2_492); // 29900 / 12 = 2491.67 -> 2492
    expect(mrrContribution(7_999, 90)).toBe(2_666); // 7999 / 3 = 2666.33 -> 2666
    expect(mrrContribution(20_000, 92)).toBe(6_667); // 20000 / 3 = 6666.67 -> 6667
    expect(mrrContribution(10_000, 181)).toBe(1_667); // 10000 / 6 = 1666.67 -> 1667
    expect(mrrContribution(2_999, 30)).toBe(2_999);
    expect(mrrContribution(2_999, 28)).toBe(2_999);
  });

  it('uses price * 365 / 12 / days for other periods', () => {
    expect(mrrContribution(700, 7)).toBe(3_042); // 700 * 365 / 84 = 3041.67
    expect(mrrContribution(1_000, 14)).toBe(2_173); // 365000 / 168 = 2172.62
    expect(mrrContribution(4_500, 45)).toBe(3_042); // 1642500 / 540 = 3041.67
    expect(mrrContribution(1_200, 60)).toBe(608); // 438000 / 720 = 608.33
  });

  it('rounds exact halves up', () => {
    expect(mrrContribution(3, 180)).toBe(1); // 3 / 6 = 0.5 -> 1
    expect(mrrContribution(9, 360)).toBe(1); // 9 / 12 = 0.75 -> 1
    expect(mrrContribution(6, 360)).toBe(1); // 6 / 12 = 0.5 -> 1
    expect(mrrContribution(5, 360)).toBe(0); // 0.4167 -> 0
    expect(mrrContribution(24, 73)).toBe(10); // 24 * 365 / 876 = 10.0 exactly
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(7, 2)).toBe(4);
  });

  it('rejects prices and periods that are not whole and positive', () => {
    expect(() => mrrContribution(10.5, 30)).toThrow(/whole non-negative minor units/);
    expect(() => mrrContribution(-1, 30)).toThrow(/whole non-negative/);
    expect(() => mrrContribution(1000, 0)).toThrow(/positive number of days/);
  });
});

describe('mrrContributionSql', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = testPool(db.url, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('gives exactly what the TypeScript rule gives, for every period from 1 to 400 days and many prices', async () => {
    const prices = [0, 1, 3, 5, 6, 99, 100, 690, 999, 2_999, 7_999, 12_000, 29_900, 123_457, 99_999_999];
    const { rows } = await pool.query(
      `select p::bigint as price, d::int as days, ${mrrContributionSql('p', 'd')} as mrr
       from unnest($1::bigint[]) p cross join generate_series(1, 400) d`,
      [prices],
    );
    expect(rows).toHaveLength(prices.length * 400);
    const mismatches = rows.filter((r) => Number(r.mrr) !== mrrContribution(Number(r.price), r.days));
    expect(mismatches).toEqual([]);
  });
});
