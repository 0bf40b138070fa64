// Pure pieces of the command layer: action ids (short, opaque, parsed back exactly; anything else refused),
// the period choices in a company's calendar, and channel/role references from either platform.
import { describe, expect, it } from 'vitest';
import {
  churnActionId,
  churnPageId,
  parseActionId,
  periodSelectId,
  REVEAL_URGENT_ACTION,
  SETUP_KEY_ACTION,
} from '../../bot/parts/action-ids.ts';
import { channelIdOf, roleIdOf } from '../../bot/parts/mentions.ts';
import { periodChoices, resolvePeriod } from '../../bot/parts/periods.ts';
import { periodOn } from '../../core/named-periods.ts';
import { BadInput } from '../../core/errors.ts';
import { moneyDelta } from '../../bot/parts/format.ts';

describe('action ids', () => {
  it("round-trip and stay within Discord's 100 characters", () => {
    const big = 9_007_199_254_740_991;
    const ids = [
      churnActionId('contacted', big),
      churnActionId('snooze', 1),
      periodSelectId('engagement'),
      churnPageId('critical', 9999),
      SETUP_KEY_ACTION,
      REVEAL_URGENT_ACTION,
    ];
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(parseActionId(churnActionId('notrisk', 42))).toEqual({ kind: 'churn', action: 'notrisk', predictionId: 42 });
    expect(parseActionId(churnPageId('high', 3))).toEqual({ kind: 'page', risk: 'high', page: 3 });
    expect(parseActionId(churnPageId('low', 1))).toEqual({ kind: 'page', risk: 'low', page: 1 }); // "Who?" lists the low level too
    expect(parseActionId('p1:period:revenue:product')).toEqual({ kind: 'period', command: 'revenue', by: 'product' });
    expect(parseActionId('p1:period:revenue')).toEqual({ kind: 'period', command: 'revenue' });
    expect(parseActionId('p1:setup:key')).toEqual({ kind: 'setup-key' });
    expect(parseActionId('p1:reveal:urgent')).toEqual({ kind: 'reveal' });
  });

  it('refuse anything they did not make', () => {
    for (const id of [
      '',
      'p1',
      'p2:churn:contacted:1',
      'p1:churn:contacted:0',
      'p1:churn:contacted:01',
      'p1:churn:contacted:1:2',
      'p1:churn:drop:1',
      'p1:churn:contacted:user_abc',
      'p1:page:churn:none:1',
      'p1:period:churn',
      'p1:churn:contacted:1e5',
      'p1:period:revenue:country',
    ]) {
      expect(() => parseActionId(id)).toThrow(BadInput);
    }
  });
});

describe('periods', () => {
  it("cover the company's calendar days, a running period ending today", () => {
    const today = '2026-03-15';
    expect(
      Object.fromEntries(
        periodChoices.map((c) => {
          const p = periodOn(c, today);
          return [c, { from: p.from, to: p.to }];
        }),
      ),
    ).toEqual({
      this_month: { from: '2026-03-01', to: '2026-03-16' },
      last_month: { from: '2026-02-01', to: '2026-03-01' },
      last_7_days: { from: '2026-03-09', to: '2026-03-16' },
      last_30_days: { from: '2026-02-14', to: '2026-03-16' },
      last_90_days: { from: '2025-12-16', to: '2026-03-16' },
      this_year: { from: '2026-01-01', to: '2026-03-16' },
    });
  });

  it("use the company's time zone for today", () => {
    // 23:30 UTC on 31 March is already 1 April in Tokyo.
    const r = resolvePeriod('this_month', new Date('2026-03-31T23:30:00Z'), 'Asia/Tokyo', 'pro');
    expect(r.period).toEqual({ from: '2026-04-01', to: '2026-04-02' });
  });

  it("show the tier's window when the whole period lies before it", () => {
    const r = resolvePeriod('last_month', new Date('2026-03-15T12:00:00Z'), 'UTC', 'free');
    expect(r.period).toEqual({ from: '2026-03-09', to: '2026-03-16' });
    expect(r.notice).toBe(
      'The free plan keeps 7 days of history, so this shows 2026-03-09 to 2026-03-15. Upgrade for more.',
    );
  });
});

describe('mentions', () => {
  it('read ids from Discord pickers and Slack escapes', () => {
    expect(channelIdOf('123456789012345678')).toBe('123456789012345678');
    expect(channelIdOf('<#C0123ABCD|general>')).toBe('C0123ABCD');
    expect(roleIdOf('<@&123456789012345678>')).toBe('123456789012345678');
    expect(roleIdOf('<!subteam^S0123ABC|@mods>')).toBe('S0123ABC');
    expect(roleIdOf('<@U0123ABCD>')).toBe('U0123ABCD');
    expect(() => channelIdOf('#general')).toThrow(BadInput);
    expect(() => roleIdOf('mods')).toThrow(BadInput);
  });
});

describe('money deltas', () => {
  it('show the relative change, and its direction when it rounds below 0.1%', () => {
    expect(moneyDelta(7_000, 2_000, 'usd')).toBe('+$50 (+250%)');
    expect(moneyDelta(2_618_959, 2_618_459, 'usd')).toBe('+$5 (+<0.1%)'); // +0.019%
    expect(moneyDelta(2_618_459, 2_618_959, 'usd')).toBe('−$5 (−<0.1%)');
    expect(moneyDelta(100_000, 100_000, 'usd')).toBe('$0 (0%)');
    expect(moneyDelta(5_000, 0, 'usd')).toBe('+$50');
  });
});
