// Per-company engagement weights and caps (companies.settings.engagement), the defaults of docs/metrics.md#engagement-score filled in.
// Weights must sum to 1 so that the score stays within 0..100.
import { z } from 'zod';
import { BadInput } from '../errors.ts';

export interface EngagementSettings {
  weights: { messages: number; visits: number; progress: number; recency: number };
  /** messages7 and visits7 and progress30 at or above their cap score full marks; recency reaches 0 at recencyDays. */
  caps: { messages: number; visits: number; progress: number; recencyDays: number };
}

export const defaultEngagementSettings: EngagementSettings = {
  weights: { messages: 0.3, visits: 0.2, progress: 0.3, recency: 0.2 },
  caps: { messages: 10, visits: 7, progress: 100, recencyDays: 30 },
};

const weight = z.number().min(0).max(1);
const cap = z.number().positive().finite();
const overrides = z.object({
  weights: z.object({ messages: weight, visits: weight, progress: weight, recency: weight }).partial().optional(),
  caps: z.object({ messages: cap, visits: cap, progress: cap, recencyDays: cap }).partial().optional(),
});

/** The engagement settings of a company, from its settings JSON; BadInput naming the bad field. */
export function engagementSettingsFrom(companySettings: unknown): EngagementSettings {
  const raw = (companySettings as { engagement?: unknown } | null)?.engagement;
  if (raw === undefined || raw === null) return defaultEngagementSettings;
  const parsed = overrides.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInput(`company settings engagement.${issue.path.join('.')}: ${issue.message}`);
  }
  const settings: EngagementSettings = {
    weights: { ...defaultEngagementSettings.weights, ...parsed.data.weights },
    caps: { ...defaultEngagementSettings.caps, ...parsed.data.caps },
  };
  const sum = Object.values(settings.weights).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9)
    throw new BadInput(`company settings engagement.weights must sum to 1, not ${+sum.toFixed(6)}`);
  return settings;
}
