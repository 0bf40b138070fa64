// Calendar helpers in a company's time zone, and the tier limits of docs/product.md#tiers.
import { describe, expect, it } from 'vitest';
import { BadInput, TierLimit } from '../../core/errors.ts';
import {
  addDays,
  addMonths,
  assertTimeZone,
  fullMonths,
  localDay,
  parsePeriod,
  previousPeriod,
} from '../../core/period.ts';
import { ltvMonths } from '../../core/revenue/ltv.ts';
import { capMemberList, earliestQueryableDay, historyLimit, tierLimitError } from '../../core/tiers/tier-limits.ts';

describe('period helpers', () => {
  it('puts an instant on its local calendar day', () => {
    const t = new Date('2026-03-10T23:30:00Z');
    expect(localDay(t, 'Asia/Tokyo')).toBe('2026-03-11'); // UTC+9: 08:30 next day
    expect(localDay(t, 'America/New_York')).toBe('2026-03-10'); // EDT (UTC-4) since Mar 8: 19:30
    expect(localDay(t, 'UTC')).toBe('2026-03-10');
  });

  it('adds days and months across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-03-01', -12)).toBe('2025-03-01');
  });

  it('finds the previous period: whole months stay whole months, other periods keep their length', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-04-01' })).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-04-01' })).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(previousPeriod({ from: '2026-03-10', to: '2026-03-17' })).toEqual({ from: '2026-03-03', to: '2026-03-10' });
  });

  it('lists the full months inside a range', () => {
    expect(fullMonths('2026-01-15', '2026-04-01').map((m) => m.from)).toEqual(['2026-02-01', '2026-03-01']);
    expect(fullMonths('2026-01-15', '2026-02-20')).toEqual([]);
  });

  it('picks the last 6 full months for LTV, leaving out the incomplete one and the months before the history', () => {
    expect(ltvMonths('2026-04-01', '2000-01-01').map((m) => m.from)).toEqual([
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(ltvMonths('2026-04-15', '2000-01-01').at(-1)).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(ltvMonths('2026-04-15', '2026-02-01').map((m) => m.from)).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('rejects bad dates, empty periods and unknown zones with BadInput', () => {
    expect(() => parsePeriod('2026-02-30', '2026-03-01')).toThrow(BadInput);
    expect(() => parsePeriod('2026-03-01', '2026-03-01')).toThrow(/must end after it starts/);
    expect(() => parsePeriod('March', '2026-03-01')).toThrow(/from must be a calendar date/);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('tier limits', () => {
  it('keeps 7 days of history on free, 90 on pro, 365 on enterprise', () => {
    expect(earliestQueryableDay('free', '2026-03-20')).toBe('2026-03-14');
    expect(earliestQueryableDay('pro', '2026-03-20')).toBe('2025-12-21');
    expect(earliestQueryableDay('enterprise', '2026-03-20')).toBe('2025-03-21');
    expect(historyLimit('free', '2026-03-20', '2026-03-14')).toBeNull();
    const limit = historyLimit('free', '2026-03-20', '2026-03-13');
    expect(limit).toMatchObject({ kind: 'history', tier: 'free', allowed: 7 });
    expect(limit!.message).toMatch(/7 days of history.*2026-03-14/);
  });

  it('caps member-level lists at 50 on free and never on paid tiers', () => {
    const rows = Array.from({ length: 60 }, (_, i) => i);
    const free = capMemberList('free', rows);
    expect([free.rows.length, free.total, free.limit?.allowed]).toEqual([50, 60, 50]);
    expect(free.limit!.message).toMatch(/10 more are counted in the totals/);
    expect(capMemberList('pro', rows)).toEqual({ rows, total: 60, limit: null });
    expect(capMemberList('free', rows.slice(0, 50)).limit).toBeNull();
  });

  it('turns a limit into the TierLimit error for callers that throw', () => {
    const err = tierLimitError(historyLimit('pro', '2026-03-20', '2025-01-01')!);
    expect(err).toBeInstanceOf(TierLimit);
    expect(err.limit).toEqual({ kind: 'history', allowed: 90, tier: 'pro' });
  });
});
