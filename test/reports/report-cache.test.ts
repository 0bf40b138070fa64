// The report routes' in-process cache: one computation for requests that arrive together, reuse within the
// TTL, a new computation after it, failures not kept, the oldest entry dropped past the size cap.
import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../server/reports/report-cache.ts';

describe('TtlCache', () => {
  it('shares, expires, forgets failures and caps its size', async () => {
    let t = 0;
    let made = 0;
    const cache = new TtlCache<number>({ ttlMs: 1000, max: 2, clock: () => t });
    const make = () => Promise.resolve(++made);
    const [a, b] = await Promise.all([cache.get('x', make), cache.get('x', make)]);
    expect([a, b, made]).toEqual([1, 1, 1]);
    t = 999;
    expect(await cache.get('x', make)).toBe(1);
    t = 1000;
    expect(await cache.get('x', make)).toBe(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', make)).toBe(3);
    await cache.get('y', make); // 'x', 'bad', 'y' -> 'x' (the oldest) is dropped
    expect(await cache.get('x', make)).toBe(5);
    const off = new TtlCache<number>({ ttlMs: 0, max: 2 });
    expect([await off.get('k', make), await off.get('k', make)]).toEqual([6, 7]);
  });
});
