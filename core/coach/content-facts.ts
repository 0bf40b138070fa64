// A period's content performance as coach facts (core/content's report): the items ranked by views, the best
// (most viewed) and the worst (lowest completion rate among items members started), with drop-off lessons.
import type { Queryable } from '../db/queryable.ts';
import { contentReport } from '../content/content.service.ts';
import type { ContentLine, ContentType } from '../content/content-report.ts';
import type { ResolvedCoachPeriod } from './coach-periods.ts';
import { periodLabel, type PeriodLabel } from './revenue-facts.ts';

export interface ContentFact {
  title: string;
  kind: ContentType;
  views: number;
  uniqueViewers: number;
  completions: number;
  /** Members who started it in the period, and how many of them completed it. */
  starters: number;
  completionRate: number | null;
  /** Courses: the lesson after which the largest share of starters went no further. */
  dropOff: { lesson: string; stopped: number; share: number } | null;
}

export interface ContentFacts {
  period: PeriodLabel;
  type: ContentType | 'all';
  itemCount: number;
  /** Most viewed first (at most `limit`). */
  top: ContentFact[];
  best: ContentFact | null;
  /** Lowest completion rate among completable items someone started. */
  worst: ContentFact | null;
  notes: string[];
}

function fact(line: ContentLine): ContentFact {
  return {
    title: line.title,
    kind: line.kind,
    views: line.views,
    uniqueViewers: line.uniqueViewers,
    completions: line.completions,
    starters: line.starters,
    completionRate: line.completionRate,
    dropOff: line.dropOff
      ? { lesson: line.dropOff.title, stopped: line.dropOff.stopped, share: line.dropOff.share }
      : null,
  };
}

/** The started, completable item with the lowest completion rate (more starters first on a tie). */
export function worstContent(lines: readonly ContentLine[]): ContentLine | null {
  const rated = lines.filter((l) => l.completionRate !== null);
  rated.sort((a, b) => a.completionRate! - b.completionRate! || b.starters - a.starters || a.itemId - b.itemId);
  return rated[0] ?? null;
}

export async function contentFacts(
  db: Queryable,
  companyId: number,
  period: ResolvedCoachPeriod,
  asOf: Date,
  opts: { type?: ContentType; limit?: number } = {},
): Promise<ContentFacts | { limit: string }> {
  const report = await contentReport(db, companyId, { from: period.from, to: period.to, asOf, type: opts.type });
  if (!report.ok) return { limit: report.limit.message };
  const items = report.value.items;
  const viewed = items.filter((i) => i.views > 0);
  const worst = worstContent(items);
  return {
    period: periodLabel(report.value.period),
    type: opts.type ?? 'all',
    itemCount: items.length,
    top: viewed.slice(0, opts.limit ?? 5).map(fact),
    best: viewed[0] ? fact(viewed[0]) : null,
    worst: worst ? fact(worst) : null,
    notes: [
      ...(period.notice ? [period.notice] : []),
      ...report.value.notes,
      ...(viewed.length === 0 ? ['No content was viewed in this period.'] : []),
    ],
  };
}
