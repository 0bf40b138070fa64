// Named report periods: days in the company's zone, the tier's history window, and agreement with the
// period choices of the bot's /revenue and /engagement (bot/commands/periods.ts) for every choice and tier.
import { describe, expect, it } from 'vitest';
import { resolvePeriod as botPeriod } from '../../bot/commands/periods.ts';
import { periodNames, resolvePeriod } from '../../core/reports/periods.ts';

describe('named periods', () => {
  it('are days of the company\'s calendar: 02:00 UTC on Apr 1 is still Mar 31 in New York', () => {
    const at = new Date('2026-04-01T02:00:00Z');
    expect(resolvePeriod('this_month', at, 'America/New_York')).toMatchObject({ from: '2026-03-01', to: '2026-04-01' });
    expect(resolvePeriod('this_month', at, 'UTC')).toMatchObject({ from: '2026-04-01', to: '2026-04-02' });
    expect(resolvePeriod('last_month', at, 'Asia/Tokyo')).toMatchObject({ from: '2026-03-01', to: '2026-04-01' });
    expect(resolvePeriod('last_7_days', at, 'America/New_York')).toMatchObject({ from: '2026-03-25', to: '2026-04-01', notice: null });
  });

  it('a period wholly before the tier\'s window shows the window', () => {
    const p = resolvePeriod('last_month', new Date('2026-04-20T12:00:00Z'), 'UTC', 'free');
    expect(p).toMatchObject({ from: '2026-04-14', to: '2026-04-21' });
    expect(p.notice).toBe('The free plan keeps 7 days of history, so this shows 2026-04-14 to 2026-04-20. Upgrade for more.');
    expect(resolvePeriod('this_year', new Date('2026-12-31T12:00:00Z'), 'UTC', 'enterprise')).toMatchObject({ from: '2026-01-01', notice: null });
  });

  it('agree with the bot\'s period choices, for every choice, tier and a year of days', () => {
    for (let d = 0; d < 366; d += 5) {
      const at = new Date(Date.UTC(2026, 0, 1, 7) + d * 86_400_000);
      for (const tier of ['free', 'pro', 'enterprise'] as const) {
        for (const name of periodNames) {
          const ours = resolvePeriod(name, at, 'Europe/Berlin', tier);
          const bot = botPeriod(name, at, 'Europe/Berlin', tier);
          expect([ours.from, ours.to, ours.notice], `${name} ${tier} ${at.toISOString()}`).toEqual([bot.period.from, bot.period.to, bot.notice]);
        }
      }
    }
  });
});
