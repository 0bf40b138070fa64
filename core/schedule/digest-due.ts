// Which digests are due for a destination at an instant, by the company's wall clock. The period key is the
// local calendar date (daily) or the ISO week of the local date (weekly), and a digest is due from the first
// moment the local hour is at or past the chosen hour on that day. So a daylight-saving day still gives
// exactly one digest: on a spring-forward day whose chosen hour does not exist (02:00 in Europe/Berlin on
// 29 March 2026) the first scan after the jump (03:00) is past it; on a fall-back day whose chosen hour
// happens twice (02:00 on 25 October 2026) both passes are the same local date, and the delivery ledger's
// unique key lets only the first one post. And on a day whose last hours are skipped (America/Nuuk jumps
// from 22:00 to 00:00 on 28 March 2026), a digest set for an hour that never comes is due in the day's last
// hour instead. Due means "may post now"; the ledger decides "not yet posted".
import type { Day } from '../period.ts';
import { isoWeek, localTime } from './local-time.ts';

export type DigestKind = 'daily_digest' | 'weekly_digest';

export interface DigestSchedule {
  /** Local hour 0-23. */
  digestHour: number;
  /** 0 = Sunday … 6 = Saturday; null = no weekly digest. */
  weeklyDigestDay: number | null;
}

export interface DueDigest {
  kind: DigestKind;
  /** '2026-03-29' (daily) or '2026-W13' (weekly): the period part of the delivery's dedupe key. */
  period: string;
  /** The local day the decision was made on. */
  localDay: Day;
}

export function dueDigests(now: Date, timeZone: string, schedule: DigestSchedule): DueDigest[] {
  const t = localTime(now, timeZone);
  if (t.hour < schedule.digestHour && !lastHourOfDay(now, timeZone, t.day)) return [];
  const due: DueDigest[] = [{ kind: 'daily_digest', period: t.day, localDay: t.day }];
  if (schedule.weeklyDigestDay !== null && t.weekday === schedule.weeklyDigestDay) {
    due.push({ kind: 'weekly_digest', period: isoWeek(t.day), localDay: t.day });
  }
  return due;
}

/** True when the local day ends within the next hour (so a later hour of it will not come). */
function lastHourOfDay(now: Date, timeZone: string, day: string): boolean {
  return localTime(new Date(now.getTime() + 3_600_000), timeZone).day !== day;
}
