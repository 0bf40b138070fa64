// The engagement answer's shape, and the pure steps that put the queried parts together.
import { addDays } from '../period.ts';
import type { HeatmapCell } from './activity-heatmap.repository.ts';
import type { MemberLine } from './engagement-members.repository.ts';
import type { CompanyDay } from './engagement.repository.ts';

export interface Change {
  now: number;
  previous: number;
  change: number;
}

export interface EngagementReport {
  companyId: number;
  timeZone: string;
  asOf: Date;
  /** Days [from, to): `to` is the first day after the period (core/period.ts). */
  period: { from: string; to: string; days: number };
  previousPeriod: { from: string; to: string };
  /** Members with a counted membership at the end of the period (the population of every count below). */
  members: Change;
  /** Activity in the last 7 days / last activity 7-29 days ago / none for 30+ days (or never). */
  active: Change;
  idle: Change;
  dormant: Change;
  /** Latest churn prediction high or critical, whatever the activity (overlaps the three above). */
  atRisk: Change & { source: 'churn-model' | 'no-predictions-yet' };
  /** Average score over the counted members at the end of each period; null with no counted member. */
  averageScore: { now: number | null; previous: number | null; change: number | null };
  dailyScore: Array<{ day: string; average: number | null; members: number }>;
  /** Every weekday (1 = Monday) x hour (0-23) of the company's zone, zeros included: 168 cells. */
  heatmap: HeatmapCell[];
  topMembers: MemberLine[];
  fadingMembers: MemberLine[];
  memberLists: { limit: number; topTotal: number; fadingTotal: number };
  /** Plain sentences about what the numbers leave out (tier caps, no predictions, unrolled days). */
  notes: string[];
}

export function change(now: number, previous: number): Change {
  return { now, previous, change: now - previous };
}

export function average(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

const noDay = (day: string): CompanyDay => ({ day, members: 0, scoreSum: 0, active: 0, idle: 0, dormant: 0 });

/** The counts at the end of the period and of the previous one, from the company-day rollup. */
export function bucketChanges(
  days: CompanyDay[],
  end: string,
  previousEnd: string,
  atRisk: Map<string, number>,
  predicted: boolean,
): Pick<EngagementReport, 'members' | 'active' | 'idle' | 'dormant' | 'atRisk' | 'averageScore'> {
  const now = days.find((d) => d.day === end) ?? noDay(end);
  const before = days.find((d) => d.day === previousEnd) ?? noDay(previousEnd);
  const a = average(now.scoreSum, now.members);
  const b = average(before.scoreSum, before.members);
  return {
    members: change(now.members, before.members),
    active: change(now.active, before.active),
    idle: change(now.idle, before.idle),
    dormant: change(now.dormant, before.dormant),
    atRisk: {
      ...change(atRisk.get(end) ?? 0, atRisk.get(previousEnd) ?? 0),
      source: predicted ? 'churn-model' : 'no-predictions-yet',
    },
    averageScore: { now: a, previous: b, change: a === null || b === null ? null : a - b },
  };
}

/** One point per day from..through; a day the rollup has not reached has no members and no average. */
export function dailyAverages(days: CompanyDay[], from: string, through: string): EngagementReport['dailyScore'] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: EngagementReport['dailyScore'] = [];
  for (let day = from; day <= through; day = addDays(day, 1)) {
    const d = byDay.get(day) ?? noDay(day);
    out.push({ day, average: average(d.scoreSum, d.members), members: d.members });
  }
  return out;
}

/** The 7 x 24 grid, Monday 00h first, with the counted cells filled in. */
export function fullHeatmap(cells: HeatmapCell[]): HeatmapCell[] {
  const counted = new Map(cells.map((c) => [c.weekday * 24 + c.hour, c.events]));
  const grid: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) grid.push({ weekday, hour, events: counted.get(weekday * 24 + hour) ?? 0 });
  }
  return grid;
}
