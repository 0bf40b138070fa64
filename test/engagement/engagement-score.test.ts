// The pure score and buckets of docs/metrics.md#engagement, worked by hand.
import { describe, expect, it } from 'vitest';
import { activityBucket, engagementScore } from '../../core/engagement/engagement-score.ts';
import { engagementSettingsFrom } from '../../core/engagement/engagement-settings.ts';

describe('engagementScore', () => {
  it('is 100 at every cap and 0 with no activity ever', () => {
    expect(engagementScore({ messages7: 25, visits7: 7, progress30: 180, recencyDays: 0 })).toBe(100);
    expect(engagementScore({ messages7: 0, visits7: 0, progress30: 0, recencyDays: null })).toBe(0);
  });

  it('weighs each term below its cap', () => {
    // 0.3 * 4/10 + 0.2 * 3/7 + 0.3 * 25/100 + 0.2 * (1 - 2/30) = 0.12 + 0.085714 + 0.075 + 0.186667 = 0.467381 -> 47
    expect(engagementScore({ messages7: 4, visits7: 3, progress30: 25, recencyDays: 2 })).toBe(47);
  });

  it('rounds half up on the decimal value: exactly 44.5 is 45', () => {
    // messages 10 -> 0.3; progress 145/3 = 48.33 -> 0.3 * 0.48333 = 0.145; no visits; recency 30 -> 0:
    // 100 * 0.445 = 44.5 -> 45 (in binary floating point 100 * 0.445 is 44.4999..., which Math.round takes to 44)
    expect(engagementScore({ messages7: 10, visits7: 0, progress30: 145 / 3, recencyDays: 30 })).toBe(45);
  });

  it('lets recency reach 0 at 30 days and no further', () => {
    expect(engagementScore({ messages7: 0, visits7: 0, progress30: 0, recencyDays: 29 })).toBe(1); // 0.2 * 1/30 = 0.67
    expect(engagementScore({ messages7: 0, visits7: 0, progress30: 0, recencyDays: 30 })).toBe(0);
    expect(engagementScore({ messages7: 0, visits7: 0, progress30: 0, recencyDays: 45 })).toBe(0);
  });

  it('uses company weights and caps', () => {
    const settings = engagementSettingsFrom({
      engagement: { weights: { messages: 0.5, visits: 0 }, caps: { messages: 5 } },
    });
    // 0.5 * min(5/5, 1) + 0 + 0.3 * 0 + 0.2 * (1 - 3/30) = 0.5 + 0.18 = 0.68 -> 68
    expect(engagementScore({ messages7: 5, visits7: 2, progress30: 0, recencyDays: 3 }, settings)).toBe(68);
  });
});

describe('activityBucket', () => {
  it('puts the boundaries at exactly 7 and 30 days', () => {
    expect(activityBucket(0)).toBe('active');
    expect(activityBucket(6)).toBe('active');
    expect(activityBucket(7)).toBe('idle');
    expect(activityBucket(29)).toBe('idle');
    expect(activityBucket(30)).toBe('dormant');
    expect(activityBucket(null)).toBe('dormant');
  });
});
