// Report kinds and the parameters a link stores with its kind (report_links.params): the default period,
// and for the member profile the one member the creator chose. Validated with zod when a link is made.
import { z } from 'zod';
import { BadInput } from '../errors.ts';
import { periodNames } from '../named-periods.ts';

export const reportKinds = ['overview', 'revenue', 'engagement', 'churn', 'content', 'member'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportKindLabels: Record<ReportKind, string> = {
  overview: 'Overview',
  revenue: 'Revenue',
  engagement: 'Engagement',
  churn: 'Churn risk',
  content: 'Content',
  member: 'Member profile',
};

/** `profile` is accepted as another name for the member profile. */
export function parseReportKind(value: string): ReportKind {
  const kind = value.trim().toLowerCase() === 'profile' ? 'member' : value.trim().toLowerCase();
  if (!(reportKinds as readonly string[]).includes(kind)) {
    throw new BadInput(`report kind must be one of ${reportKinds.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return kind as ReportKind;
}

/** What a caller may pass as params: a default period; for `member`, the member by Pulse id or Whop user id. */
export const reportParamsInput = z.strictObject({
  period: z.enum(periodNames).optional(),
  memberId: z.number().int().positive().optional(),
  whopUserId: z.string().min(1).max(100).optional(),
});
export type ReportParamsInput = z.infer<typeof reportParamsInput>;

/** What is stored: the member resolved to its Pulse id. */
export const storedReportParams = z.object({
  period: z.enum(periodNames).optional(),
  memberId: z.number().int().positive().optional(),
});
export type ReportParams = z.infer<typeof storedReportParams>;

export function parseParamsInput(params: Record<string, unknown> | undefined): ReportParamsInput {
  const parsed = reportParamsInput.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInput(`report params: ${issue.path.join('.') || 'params'} ${issue.message}`);
  }
  return parsed.data;
}

/** Stored params of a link row; anything unexpected reads as no params. */
export function readStoredParams(raw: unknown): ReportParams {
  const parsed = storedReportParams.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}
