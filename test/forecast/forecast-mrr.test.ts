// The MRR forecast: flat in, flat out; a straight line recovered; short history refused; bad series rejected.
import { describe, expect, it } from 'vitest';
import { forecastMrr } from '../../core/forecast/forecast-mrr.ts';
import { BadInput } from '../../core/errors.ts';
import { dailySeries, normals } from './series.ts';

describe('forecastMrr', () => {
  it('forecasts a flat series flat, with no spread', () => {
    const f = forecastMrr(
      dailySeries(
        '2026-01-01',
        Array.from({ length: 60 }, () => 100_000),
      ),
    );
    if (!f.ok) throw new Error(f.reason);
    expect(f.points).toHaveLength(90);
    expect(f.points[0]).toEqual({ day: '2026-03-02', mrrMinor: 100_000, lowMinor: 100_000, highMinor: 100_000 });
    expect(f.points.every((p) => p.mrrMinor === 100_000 && p.lowMinor === 100_000 && p.highMinor === 100_000)).toBe(
      true,
    );
  });

  it('recovers a straight line', () => {
    // y[t] = 50,000 + 250 t for t = 0..59 (2026-01-01..2026-03-01); day h ahead is t = 59 + h:
    // h = 1 -> 50,000 + 250 * 60 = 65,000; h = 90 -> 50,000 + 250 * 149 = 87,250
    const f = forecastMrr(
      dailySeries(
        '2026-01-01',
        Array.from({ length: 60 }, (_, t) => 50_000 + 250 * t),
      ),
    );
    if (!f.ok) throw new Error(f.reason);
    expect(f.params.phi).toBe(1);
    expect(f.points[0]).toEqual({ day: '2026-03-02', mrrMinor: 65_000, lowMinor: 65_000, highMinor: 65_000 });
    expect(f.points[89]).toMatchObject({ day: '2026-05-30', mrrMinor: 87_250 });
  });

  it('never forecasts negative MRR', () => {
    // falling 1,000 a day from 40,000: the line reaches 0 after day 40 of the history's end
    const f = forecastMrr(
      dailySeries(
        '2026-01-01',
        Array.from({ length: 30 }, (_, t) => 40_000 - 1_000 * t),
      ),
    );
    if (!f.ok) throw new Error(f.reason);
    expect(f.points[0]!.mrrMinor).toBe(10_000);
    expect(f.points[20]!.mrrMinor).toBe(0);
    expect(Math.min(...f.points.map((p) => p.lowMinor))).toBe(0);
  });

  it('brackets the forecast with an interval that widens with the horizon', () => {
    // a year of 100,000 + 40 t with noise of sd 2,000: the 90-day band is wider than the 1-day band
    const f = forecastMrr(
      dailySeries(
        '2025-01-01',
        normals(3, 365).map((z, t) => Math.round(100_000 + 40 * t + 2_000 * z)),
      ),
    );
    if (!f.ok) throw new Error(f.reason);
    expect(f.points.every((p) => p.lowMinor <= p.highMinor)).toBe(true);
    expect(f.points[0]!.lowMinor).toBeLessThan(f.points[0]!.mrrMinor);
    expect(f.points[0]!.highMinor).toBeGreaterThan(f.points[0]!.mrrMinor);
    // (the band comes from past errors, not from the point: where the damped trend kept falling short of the
    // line, far horizons' bands sit above the point, as they should)
    const width = (i: number) => f.points[i]!.highMinor - f.points[i]!.lowMinor;
    expect(width(0)).toBeGreaterThan(0);
    expect(width(89)).toBeGreaterThan(width(0));
  });

  it('keeps the forecast inside its own interval when every past error had one sign', () => {
    // Accelerating growth (y = 50,000 + 3 t^2): a damped trend under-forecasts from every origin, so all past
    // errors are positive; the band still has to contain the point (low <= point <= high).
    const f = forecastMrr(
      dailySeries(
        '2026-01-01',
        Array.from({ length: 95 }, (_, t) => 50_000 + 3 * t * t),
      ),
    );
    if (!f.ok) throw new Error(f.reason);
    expect(f.points.every((p) => p.lowMinor <= p.mrrMinor && p.mrrMinor <= p.highMinor)).toBe(true);
    expect(f.points[89]!.highMinor).toBeGreaterThan(f.points[89]!.mrrMinor);
  });

  it('says when the history is too short', () => {
    const f = forecastMrr(dailySeries('2026-01-01', [1, 2, 3]));
    expect(f).toEqual({
      ok: false,
      reason: 'a forecast needs 28 days of MRR history; there are 3',
      historyDays: 3,
      neededDays: 28,
    });
  });

  it('rejects a series with a missing day or a bad value', () => {
    const gap = [...dailySeries('2026-01-01', [1, 2]), { day: '2026-01-04', mrrMinor: 3 }];
    expect(() => forecastMrr(gap)).toThrow(BadInput);
    expect(() => forecastMrr(gap)).toThrow(/2026-01-04 does not follow/);
    expect(() => forecastMrr([{ day: '2026-02-30', mrrMinor: 1 }])).toThrow(/not a calendar date/);
    expect(() => forecastMrr([{ day: '2026-02-03', mrrMinor: 1.5 }])).toThrow(/whole, non-negative/);
    expect(() => forecastMrr(dailySeries('2026-01-01', [1, 2]), 0)).toThrow('horizon must be 1 to 365 days, not 0');
  });
});
