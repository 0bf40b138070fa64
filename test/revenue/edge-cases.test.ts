// Edge cases of the revenue answer, each on a company of its own: time zones, zero denominators, billing
// period normalisation, tier limits, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { BadInput, NotFound } from '../../core/errors.ts';
import { revenueDrilldown } from '../../core/revenue/drilldown.service.ts';
import { mrrSeries, revenueReport, type RevenueQuery } from '../../core/revenue/revenue.service.ts';
import type { RevenueReport } from '../../core/revenue/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type Fixtures } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';

let db: TestDatabase;
let pool: pg.Pool;
let fx: Fixtures;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  fx = fixtures(pool);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function report(companyId: number, q: RevenueQuery): Promise<RevenueReport> {
  const result = await revenueReport(pool, companyId, q);
  if (!result.ok) throw new Error(result.limit.message);
  return result.value;
}

describe('time zones', () => {
  // One $10 monthly payment at 2026-03-10 23:30 UTC, refunded in full at 2026-03-15 16:00 UTC.
  async function company(timeZone: string) {
    const co = await fx.company({ timeZone });
    const plan = await co.plan({ price: 1000, periodDays: 30 });
    const sub = await co.subscribe(await co.member(), plan, { at: '2026-03-10T23:30:00Z' });
    await co.refund(sub.payments[0]!, { at: '2026-03-15T16:00:00Z' });
    return co;
  }
  const asOf = new Date('2026-03-20T00:00:00Z');
  const day = async (companyId: number, d: string) =>
    (await report(companyId, { from: d, to: `2026-03-${String(Number(d.slice(8)) + 1).padStart(2, '0')}`, asOf }))
      .current;

  it('counts a payment at 23:30 UTC on the next local day in Asia/Tokyo', async () => {
    const tokyo = await company('Asia/Tokyo');
    // 23:30 UTC = 08:30 on Mar 11 in Tokyo: new MRR and the payment on Mar 11, nothing on Mar 10.
    expect((await day(tokyo.id, '2026-03-10')).movements.newMinor).toBe(0);
    const mar11 = await day(tokyo.id, '2026-03-11');
    expect([mar11.mrrStartMinor, mar11.movements.newMinor, mar11.cash.paymentsMinor]).toEqual([0, 1000, 1000]);
    // The refund at 16:00 UTC Mar 15 = 01:00 Mar 16 in Tokyo: churn and the refund on Mar 16.
    const mar16 = await day(tokyo.id, '2026-03-16');
    expect([mar16.movements.churnMinor, mar16.cash.refundsMinor]).toEqual([1000, 1000]);
    expect((await day(tokyo.id, '2026-03-15')).movements.churnMinor).toBe(0);
  });

  it('counts the same payment on the previous local day in America/New_York', async () => {
    const ny = await company('America/New_York');
    // 23:30 UTC = 19:30 EDT on Mar 10.
    const mar10 = await day(ny.id, '2026-03-10');
    expect([mar10.movements.newMinor, mar10.cash.paymentsMinor, mar10.mrrEndMinor]).toEqual([1000, 1000, 1000]);
    expect((await day(ny.id, '2026-03-11')).movements.newMinor).toBe(0);
    // 16:00 UTC Mar 15 = 12:00 EDT Mar 15.
    const mar15 = await day(ny.id, '2026-03-15');
    expect([mar15.movements.churnMinor, mar15.cash.refundsMinor]).toEqual([1000, 1000]);
    const series = await mrrSeries(pool, ny.id, { asOf, from: '2026-03-09', to: '2026-03-17' });
    expect(series.map((d) => d.mrrMinor)).toEqual([0, 1000, 1000, 1000, 1000, 1000, 0, 0]);
  });
});

describe('renewals charged after the period ends', () => {
  it('continue the subscription when they land within a day, and are churn + reactivation when later', async () => {
    const co = await fx.company();
    const plan = await co.plan({ price: 1000, periodDays: 30 });
    // On time: paid Mar 1 23:59:30; the renewal lands 60 s after the period's end, past midnight (Apr 1 00:00:30).
    const a = await co.membership(await co.member({ name: 'Punctual' }), plan, { startedAt: '2026-03-01T23:59:30Z' });
    await co.payment(a, { paidAt: '2026-03-01T23:59:30Z', kind: 'initial' });
    await co.payment(a, { paidAt: '2026-04-01T00:00:30Z' });
    // Late: paid Mar 2 10:00 (to Apr 1 10:00), the next payment two days after that with no failure recorded.
    const b = await co.membership(await co.member({ name: 'Lapsed' }), plan, { startedAt: '2026-03-02T10:00:00Z' });
    await co.payment(b, { paidAt: '2026-03-02T10:00:00Z', kind: 'initial' });
    await co.payment(b, { paidAt: '2026-04-03T10:00:00Z' });
    const r = await report(co.id, { from: '2026-03-01', to: '2026-04-05', asOf: new Date('2026-04-05T00:00:00Z') });
    // Punctual: new 1000 on Mar 1 and no gap (the period ended Mar 31 23:59:30, counted through Mar 30 on its
    // own; the renewal continues it), not past due. Lapsed: new 1000 Mar 2, churn Apr 1 (the paid period's
    // end), reactivation Apr 3. End of Apr 1: Punctual only.
    expect(r.current.movements).toMatchObject({ newMinor: 2000, churnMinor: 1000, reactivationMinor: 1000 });
    expect(r.current.pastDueMrrMinor).toBe(0);
    expect(r.mrrDaily.find((d) => d.day === '2026-04-01')!.mrrMinor).toBe(1000);
  });
});

describe('zero denominators', () => {
  it('gives "—" with a reason, never 0, NaN or Infinity, for a company with no revenue', async () => {
    const empty = await fx.company();
    const r = await report(empty.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date('2026-04-01T00:00:00Z') });
    const c = r.current;
    expect([c.mrrStartMinor, c.mrrEndMinor, c.customersStart, c.cash.paymentsMinor]).toEqual([0, 0, 0, 0]);
    for (const figure of [
      c.customerChurnRate,
      c.grossMrrChurnRate,
      c.netMrrChurnRate,
      c.quickRatio,
      c.netRevenueRetention,
      c.arpuMinor,
      c.cash.refundRate,
      r.ltv.ltvMinor,
    ]) {
      expect(figure).toMatchObject({ available: false, display: '—', reason: expect.any(String) });
    }
    expect(c.customerChurnRate).toMatchObject({ reason: 'no paying customers at the start of the period' });
    expect(c.quickRatio).toMatchObject({ reason: 'no churned or contracted MRR in the period' });
    expect(r.ltv.ltvMinor).toMatchObject({ reason: 'no full month of history with paying customers' });
    expect(r.mrrDaily.every((d) => d.mrrMinor === 0)).toBe(true);
  });

  it('has ARPU but no churn rates for a company whose customers all joined in the period', async () => {
    const co = await fx.company();
    const plan = await co.plan({ price: 2500, periodDays: 30 });
    await co.subscribe(await co.member(), plan, { at: '2026-03-03T10:00:00Z' });
    await co.subscribe(await co.member(), plan, { at: '2026-03-04T10:00:00Z' });
    const c = (await report(co.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date('2026-04-01T00:00:00Z') }))
      .current;
    expect(c.movements.newMinor).toBe(5000);
    expect(c.arpuMinor).toEqual({ available: true, value: 2500 }); // 5000 / 2
    expect(c.grossMrrChurnRate).toMatchObject({ available: false, reason: 'no MRR at the start of the period' });
    expect(c.quickRatio).toMatchObject({ available: false });
    expect(c.cash.refundRate).toEqual({ available: true, value: 0 });
  });

  it('LTV is "—" when nobody churned in the months averaged', async () => {
    const co = await fx.company({ tier: 'enterprise' });
    const plan = await co.plan({ price: 1000, periodDays: 365 });
    await co.subscribe(await co.member(), plan, { at: '2025-12-15T10:00:00Z' });
    const r = await report(co.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date('2026-04-01T00:00:00Z') });
    // Jan, Feb, Mar have the customer at their start and no churn: rate 0.
    expect(r.ltv.monthlyChurnRate).toEqual({ available: true, value: 0 });
    expect(r.ltv.ltvMinor).toMatchObject({
      available: false,
      reason: 'no customer churned in the last 3 full month(s)',
    });
  });
});

describe('billing period normalisation', () => {
  it('sums monthly-equivalent contributions of annual, quarterly, half-yearly, weekly and odd periods', async () => {
    const co = await fx.company();
    const plans = [
      [29_900, 365], // 29900 / 12 = 2491.67 -> 2492
      [7_999, 90], // 7999 / 3 = 2666.33 -> 2666
      [10_000, 182], // 10000 / 6 = 1666.67 -> 1667
      [700, 7], // 700 * 365 / 84 = 3041.67 -> 3042
      [4_500, 45], // 4500 * 365 / 540 = 3041.67 -> 3042
      [1_999, 31], // 1999
    ] as const;
    for (const [price, periodDays] of plans)
      await co.subscribe(await co.member(), await co.plan({ price, periodDays }), { at: '2026-03-02T10:00:00Z' });
    const c = (await report(co.id, { from: '2026-03-01', to: '2026-03-08', asOf: new Date('2026-03-08T00:00:00Z') }))
      .current;
    // All started Mar 2; none has ended by the end of Mar 7 (the shortest, weekly, period runs to Mar 9).
    expect(c.movements.newMinor).toBe(2492 + 2666 + 1667 + 3042 + 3042 + 1999);
    expect(c.mrrEndMinor).toBe(14_908);
    expect(c.arrEndMinor).toBe(14_908 * 12);
    expect(c.cash.paymentsMinor).toBe(29_900 + 7_999 + 10_000 + 700 + 4_500 + 1_999);
  });

  it("counts one-time, free and other-currency payments as revenue only where the currency is the company's", async () => {
    const co = await fx.company({ currency: 'usd' });
    const m = await co.member();
    await co.payment(
      { member: m, plan: await co.plan({ type: 'one_time', initialPrice: 9_900 }) },
      { paidAt: '2026-03-03T10:00:00Z' },
    );
    await co.subscribe(await co.member(), await co.plan({ free: true }), { at: '2026-03-03T10:00:00Z' });
    await co.subscribe(await co.member(), await co.plan({ price: 5_000, periodDays: 30, currency: 'eur' }), {
      at: '2026-03-03T10:00:00Z',
    });
    const c = (await report(co.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date('2026-04-01T00:00:00Z') }))
      .current;
    expect([c.mrrEndMinor, c.movements.newMinor, c.cash.paymentsMinor]).toEqual([0, 0, 9_900]);
  });
});

describe('tiers', () => {
  it('answers a free company asking past its 7 days with the limit, not numbers', async () => {
    const co = await fx.company({ tier: 'free' });
    const result = await revenueReport(pool, co.id, {
      from: '2026-03-01',
      to: '2026-03-21',
      asOf: new Date('2026-03-20T12:00:00Z'),
    });
    expect(result).toMatchObject({ ok: false, limit: { kind: 'history', tier: 'free', allowed: 7 } });
    const ok = await report(co.id, { from: '2026-03-14', to: '2026-03-21', asOf: new Date('2026-03-20T12:00:00Z') });
    expect(ok.previous).toMatchObject({
      available: false,
      reason: expect.stringMatching(/outside the history this plan keeps/),
    });
  });

  it('lists 50 members on free while the total covers all 60', async () => {
    const co = await fx.company({ tier: 'free' });
    const plan = await co.plan({ price: 1000, periodDays: 30 });
    for (let i = 0; i < 60; i++) await co.subscribe(await co.member(), plan, { at: '2026-03-15T10:00:00Z' });
    const q = { from: '2026-03-14', to: '2026-03-21', asOf: new Date('2026-03-20T12:00:00Z'), figure: 'new' };
    const result = await revenueDrilldown(pool, co.id, q);
    if (!result.ok) throw new Error('limited');
    expect([result.value.rows.length, result.value.count, result.value.totalMinor]).toEqual([50, 60, 60_000]);
    expect(result.value.limit).toMatchObject({ kind: 'members', allowed: 50 });
    expect((await report(co.id, q)).current.movements.newMinor).toBe(60_000);
  });
});

describe('bad input', () => {
  const asOf = new Date('2026-04-01T00:00:00Z');
  it('rejects a period ending after asOf, an empty period, a bad date and an unknown company', async () => {
    const co = await fx.company();
    await expect(revenueReport(pool, co.id, { from: '2026-03-01', to: '2026-04-03', asOf })).rejects.toThrow(BadInput);
    await expect(revenueReport(pool, co.id, { from: '2026-03-01', to: '2026-04-03', asOf })).rejects.toThrow(
      /must end by 2026-04-02/,
    );
    await expect(revenueReport(pool, co.id, { from: '2026-03-05', to: '2026-03-01', asOf })).rejects.toThrow(
      /must end after it starts/,
    );
    await expect(revenueReport(pool, co.id, { from: '2026-02-30', to: '2026-03-01', asOf })).rejects.toThrow(
      /from must be a calendar date/,
    );
    await expect(
      revenueReport(pool, co.id, { from: '2026-03-01', to: '2026-04-01', asOf: new Date('nope') }),
    ).rejects.toThrow(/asOf must be a valid instant/);
    await expect(revenueReport(pool, 987_654_321, { from: '2026-03-01', to: '2026-04-01', asOf })).rejects.toThrow(
      NotFound,
    );
  });
});
