// Local calendar arithmetic in Node for the load-and-reduce baselines: the company-zone day, weekday and
// hour of an instant (cached per 15-minute slot), and the instant a local day begins.
import { dayNumber, localDay } from '../../core/period.ts';

export interface LocalTime {
  day: number;
  weekday: number;
  hour: number;
}

export function localClock(timeZone: string): (ms: number) => LocalTime {
  const cache = new Map<number, LocalTime>();
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', hour: 'numeric' });
  const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  return (ms) => {
    const slot = Math.floor(ms / 900_000);
    let t = cache.get(slot);
    if (!t) {
      const at = new Date(slot * 900_000);
      const parts = fmt.formatToParts(at);
      t = {
        day: dayNumber(localDay(at, timeZone)),
        weekday: weekdays[parts.find((x) => x.type === 'weekday')!.value]!,
        hour: Number(parts.find((x) => x.type === 'hour')!.value),
      };
      cache.set(slot, t);
    }
    return t;
  };
}

/** The instant a local day begins (found by stepping hours from UTC midnight; every zone's offset is in whole quarter hours). */
export function dayAt(day: string, timeZone: string): number {
  const target = dayNumber(day);
  const clock = localClock(timeZone);
  for (let ms = target * 86_400_000 - 15 * 3_600_000; ; ms += 900_000) {
    if (clock(ms).day >= target) return ms;
  }
}
