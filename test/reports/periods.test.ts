// Named periods (core/named-periods.ts, shared by the bot, the report pages and the coach): days in the
// company's zone and the tier's history window.
import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../core/named-periods.ts';

describe('named periods', () => {
  it("are days of the company's calendar: 02:00 UTC on Apr 1 is still Mar 31 in New York", () => {
    const at = new Date('2026-04-01T02:00:00Z');
    expect(resolvePeriod('this_month', at, 'America/New_York')).toMatchObject({ from: '2026-03-01', to: '2026-04-01' });
    expect(resolvePeriod('this_month', at, 'UTC')).toMatchObject({ from: '2026-04-01', to: '2026-04-02' });
    expect(resolvePeriod('last_month', at, 'Asia/Tokyo')).toMatchObject({ from: '2026-03-01', to: '2026-04-01' });
    expect(resolvePeriod('last_7_days', at, 'America/New_York')).toMatchObject({
      from: '2026-03-25',
      to: '2026-04-01',
      notice: null,
    });
  });

  it("a period wholly before the tier's window shows the window", () => {
    const p = resolvePeriod('last_month', new Date('2026-04-20T12:00:00Z'), 'UTC', 'free');
    expect(p).toMatchObject({ from: '2026-04-14', to: '2026-04-21' });
    expect(p.notice).toBe(
      'The free plan keeps 7 days of history, so this shows 2026-04-14 to 2026-04-20. Upgrade for more.',
    );
    expect(resolvePeriod('this_year', new Date('2026-12-31T12:00:00Z'), 'UTC', 'enterprise')).toMatchObject({
      from: '2026-01-01',
      notice: null,
    });
  });
});
