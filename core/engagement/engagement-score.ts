// The engagement score of docs/metrics.md#engagement-score, pure: the reference the SQL rollup is tested against.
//   score = 100 * (0.30 * min(messages7 / 10, 1) + 0.20 * min(visits7 / 7, 1) + 0.30 * min(progress30 / 100, 1)
//                  + 0.20 * max(0, 1 - recencyDays / 30)), rounded; weights and caps per company; never active = 0.
import { defaultEngagementSettings, type EngagementSettings } from './engagement-settings.ts';

export interface EngagementInputs {
  /** Messages (chat messages and forum posts) in the 7 days ending on the day. */
  messages7: number;
  /** Distinct days with any activity in those 7 days. */
  visits7: number;
  /** Course progress points gained in the 30 days ending on the day. */
  progress30: number;
  /** Whole days from the last activity to the day (0 = active that day); null when never active. */
  recencyDays: number | null;
}

export function engagementScore(x: EngagementInputs, settings: EngagementSettings = defaultEngagementSettings): number {
  if (x.recencyDays === null) return 0;
  const { weights: w, caps: c } = settings;
  const raw =
    w.messages * Math.min(x.messages7 / c.messages, 1) +
    w.visits * Math.min(x.visits7 / c.visits, 1) +
    w.progress * Math.min(Math.max(x.progress30, 0) / c.progress, 1) +
    w.recency * Math.max(0, 1 - x.recencyDays / c.recencyDays);
  // Round half up on the decimal value (as PostgreSQL's numeric round does), not on a binary neighbour of it.
  return Math.round(Number((100 * raw).toFixed(9)));
}

export type ActivityBucket = 'active' | 'idle' | 'dormant';

/** active: activity in the last 7 days (0-6 days ago); idle: last activity 7-29 days ago; dormant: 30+ or never. */
export function activityBucket(daysSinceLastActivity: number | null): ActivityBucket {
  if (daysSinceLastActivity === null || daysSinceLastActivity >= 30) return 'dormant';
  return daysSinceLastActivity >= 7 ? 'idle' : 'active';
}
