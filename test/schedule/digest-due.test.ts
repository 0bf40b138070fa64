// Local-time digest scheduling with the clock passed in: one daily digest per local day — never zero, never
// two — across the daylight-saving changes of 2026, the weekly digest on its weekday once per ISO week.
// The ledger's "claimed once per period" is simulated with a set, as the unique key does in the database.
import { describe, expect, it } from 'vitest';
import { dueDigests, isoWeek, localTime, weekdayOf, type DigestSchedule } from '../../core/schedule/index.ts';

const MIN = 60_000;

/** Scans every `stepMin` minutes over [from, to) and returns, per period, the instant it was first due. */
function firstDue(from: string, to: string, tz: string, schedule: DigestSchedule, stepMin = 5): Map<string, string> {
  const fired = new Map<string, string>();
  for (let ms = Date.parse(from); ms < Date.parse(to); ms += stepMin * MIN) {
    for (const d of dueDigests(new Date(ms), tz, schedule)) {
      const key = `${d.kind}:${d.period}`;
      if (!fired.has(key)) fired.set(key, new Date(ms).toISOString());
    }
  }
  return fired;
}

describe('local time', () => {
  it('reads the wall clock in the zone, including the DST jumps of Europe/Berlin in 2026', () => {
    // 29 March: 01:00Z is 02:00 CET, which becomes 03:00 CEST.
    expect(localTime(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toEqual({
      day: '2026-03-29',
      hour: 1,
      minute: 59,
      weekday: 0,
    });
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toEqual({
      day: '2026-03-29',
      hour: 3,
      minute: 0,
      weekday: 0,
    });
    // 25 October: 02:xx happens at 00:xxZ (CEST) and again at 01:xxZ (CET).
    expect(localTime(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin').hour).toBe(2);
    expect(localTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin').hour).toBe(2);
    expect(localTime(new Date('2026-11-26T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      day: '2026-11-27',
      hour: 8,
      minute: 30,
      weekday: 5,
    });
  });

  it('numbers weekdays from Sunday and weeks by ISO 8601', () => {
    expect(weekdayOf('2026-11-26')).toBe(4); // a Thursday
    expect(weekdayOf('2026-03-29')).toBe(0);
    expect(isoWeek('2026-03-29')).toBe('2026-W13'); // Sunday ends ISO week 13
    expect(isoWeek('2026-03-30')).toBe('2026-W14');
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // 2026 has 53 ISO weeks (it starts on a Thursday)
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe('daily digest at 09:00 Europe/Berlin around the DST changes of 2026', () => {
  const schedule = { digestHour: 9, weeklyDigestDay: null };

  it('fires once on each day around 29 March, at 09:00 local (08:00Z before the change, 07:00Z after)', () => {
    const fired = firstDue('2026-03-26T23:00:00Z', '2026-03-31T22:00:00Z', 'Europe/Berlin', schedule);
    expect(Object.fromEntries(fired)).toEqual({
      'daily_digest:2026-03-27': '2026-03-27T08:00:00.000Z',
      'daily_digest:2026-03-28': '2026-03-28T08:00:00.000Z',
      'daily_digest:2026-03-29': '2026-03-29T07:00:00.000Z',
      'daily_digest:2026-03-30': '2026-03-30T07:00:00.000Z',
      'daily_digest:2026-03-31': '2026-03-31T07:00:00.000Z',
    });
  });

  it('fires once on each day around 25 October (07:00Z before the change, 08:00Z after)', () => {
    const fired = firstDue('2026-10-22T22:00:00Z', '2026-10-27T23:00:00Z', 'Europe/Berlin', schedule);
    expect(Object.fromEntries(fired)).toEqual({
      'daily_digest:2026-10-23': '2026-10-23T07:00:00.000Z',
      'daily_digest:2026-10-24': '2026-10-24T07:00:00.000Z',
      'daily_digest:2026-10-25': '2026-10-25T08:00:00.000Z',
      'daily_digest:2026-10-26': '2026-10-26T08:00:00.000Z',
      'daily_digest:2026-10-27': '2026-10-27T08:00:00.000Z',
    });
  });

  it('an hour that does not exist fires at the jump; an hour that happens twice fires on its first pass only', () => {
    const at2 = { digestHour: 2, weeklyDigestDay: null };
    const spring = firstDue('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 'Europe/Berlin', at2);
    expect(Object.fromEntries(spring)).toEqual({ 'daily_digest:2026-03-29': '2026-03-29T01:00:00.000Z' }); // 03:00 CEST
    const autumn = firstDue('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 'Europe/Berlin', at2);
    expect(Object.fromEntries(autumn)).toEqual({ 'daily_digest:2026-10-25': '2026-10-25T00:00:00.000Z' }); // first 02:00, CEST
  });

  it('is not due before the hour, and stays due for the rest of the local day (the ledger keeps it to one)', () => {
    expect(dueDigests(new Date('2026-03-29T06:55:00Z'), 'Europe/Berlin', schedule)).toEqual([]);
    expect(dueDigests(new Date('2026-03-29T21:55:00Z'), 'Europe/Berlin', schedule)).toEqual([
      { kind: 'daily_digest', period: '2026-03-29', localDay: '2026-03-29' },
    ]);
  });
});

describe('one digest per local day over all of 2026, never zero, never two', () => {
  // Zones with DST at 02:00 (Berlin, New York), at midnight (Santiago), a 30-minute DST (Lord Howe), a
  // 45-minute offset (Chatham), none (Kolkata), and one whose day loses its last hour (Nuuk, 28 March).
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kolkata',
    'America/Nuuk',
  ];
  const hours = [2, 23];

  for (const tz of zones) {
    it(tz, () => {
      const fired = new Map<number, Set<string>>(hours.map((h) => [h, new Set<string>()]));
      const days = new Set<string>();
      const foreign: string[] = [];
      for (let ms = Date.parse('2026-01-01T14:00:00Z'); ms < Date.parse('2026-12-31T10:00:00Z'); ms += 30 * MIN) {
        const now = new Date(ms);
        const today = localTime(now, tz).day;
        days.add(today);
        for (const h of hours) {
          for (const d of dueDigests(now, tz, { digestHour: h, weeklyDigestDay: null })) {
            // Never two: the only period a scan can claim is the local day it runs on.
            if (d.period !== today) foreign.push(`${now.toISOString()} ${d.period}`);
            fired.get(h)!.add(d.period);
          }
        }
      }
      expect(foreign).toEqual([]);
      // Never zero: every whole local day of the year had its digest due at some scan.
      const whole = [...days].filter((d) => d > '2026-01-02' && d < '2026-12-30');
      expect(whole.length).toBeGreaterThan(355);
      for (const h of hours)
        expect(
          whole.filter((d) => !fired.get(h)!.has(d)),
          `days with no digest at ${h}:00`,
        ).toEqual([]);
    });
  }

  it('America/Nuuk on 28 March 2026 (22:00 jumps to 00:00): a 23:00 digest is due in the last hour instead', () => {
    const fired = firstDue('2026-03-28T20:00:00Z', '2026-03-29T03:00:00Z', 'America/Nuuk', {
      digestHour: 23,
      weeklyDigestDay: null,
    });
    expect(Object.fromEntries(fired)).toEqual({ 'daily_digest:2026-03-28': '2026-03-29T00:00:00.000Z' });
    expect(localTime(new Date('2026-03-29T00:00:00Z'), 'America/Nuuk').hour).toBe(22);
  });
});

describe('weekly digest', () => {
  it('fires on the chosen weekday at the digest hour, once per ISO week, keyed by the week', () => {
    const fired = firstDue(
      '2026-03-01T00:00:00Z',
      '2026-03-31T00:00:00Z',
      'America/New_York',
      { digestHour: 8, weeklyDigestDay: 1 },
      15,
    );
    const weekly = [...fired].filter(([k]) => k.startsWith('weekly_digest'));
    expect(weekly).toEqual([
      ['weekly_digest:2026-W10', '2026-03-02T13:00:00.000Z'], // Monday 08:00 EST
      ['weekly_digest:2026-W11', '2026-03-09T12:00:00.000Z'], // Monday 08:00 EDT (DST began 8 March)
      ['weekly_digest:2026-W12', '2026-03-16T12:00:00.000Z'],
      ['weekly_digest:2026-W13', '2026-03-23T12:00:00.000Z'],
      ['weekly_digest:2026-W14', '2026-03-30T12:00:00.000Z'],
    ]);
  });
});
