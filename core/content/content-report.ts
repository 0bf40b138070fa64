// The /content answer's shape and its pure steps: completion rate, drop-off lesson, ranking.
import type { ItemCohort, LessonStops } from './content-cohorts.repository.ts';
import type { ContentItemTotals } from './content.repository.ts';

export const contentTypes = ['course', 'lesson', 'post', 'file'] as const;
export type ContentType = (typeof contentTypes)[number];

/** Whop's own lifetime counts of a forum post, as of the sync that read them (content-engagement.repository.ts). */
export interface WhopEngagement {
  views: number | null;
  likes: number | null;
  comments: number | null;
  seenAt: Date;
}

export interface DropOff extends LessonStops {
  /** stopped / starters of the course in the period. */
  share: number;
}

export interface ContentLine {
  itemId: number;
  whopId: string;
  kind: ContentType;
  title: string;
  /** A lesson's course. */
  courseId: number | null;
  position: number | null;
  /** Interactions in the period (a course counts its lessons'). */
  views: number;
  /** Distinct members with an interaction in the period. */
  uniqueViewers: number;
  completions: number;
  /** Members whose first interaction was in the period, and those of them who completed it by its end. */
  starters: number;
  completers: number;
  /** completers / starters; null when nobody started it in the period, and for posts and files. */
  completionRate: number | null;
  /** Mean time from first interaction to completion, over the completers with both times recorded. */
  avgTimeToComplete: { seconds: number; completers: number } | null;
  /** Courses: the lesson after which the largest share of starters went no further. */
  dropOff: DropOff | null;
  /** Lifetime counts Whop reports for the item (forum posts), as of the last sync that read it; null when Whop reports none. */
  whop: WhopEngagement | null;
}

export interface ContentReport {
  companyId: number;
  timeZone: string;
  period: { from: string; to: string; days: number };
  type: ContentType | null;
  /** Ranked by views, then unique viewers, then completions. */
  items: ContentLine[];
  notes: string[];
}

/** The lesson with the most starters stopping after it (the earliest on a tie); null when nobody stopped early. */
export function dropOffLesson(stops: readonly LessonStops[], starters: number): DropOff | null {
  let best: LessonStops | null = null;
  for (const s of stops) {
    if (best === null || s.stopped > best.stopped || (s.stopped === best.stopped && s.position < best.position))
      best = s;
  }
  return best === null || starters === 0 ? null : { ...best, share: best.stopped / starters };
}

/** Kinds a member can complete; posts and files are only viewed. */
const completable: ReadonlySet<ContentType> = new Set(['course', 'lesson']);

export function contentLine(
  item: ContentItemTotals,
  cohort: ItemCohort | undefined,
  whop: WhopEngagement | null = null,
): ContentLine {
  const starters = cohort?.starters ?? 0;
  const completers = cohort?.completers ?? 0;
  const timed = cohort?.timedCompleters ?? 0;
  const canComplete = completable.has(item.kind);
  return {
    itemId: item.itemId,
    whopId: item.whopId,
    kind: item.kind,
    title: item.title,
    courseId: item.kind === 'lesson' ? item.parentId : null,
    position: item.position,
    views: item.views,
    uniqueViewers: cohort?.viewers ?? 0,
    completions: item.completions,
    starters,
    completers,
    completionRate: !canComplete || starters === 0 ? null : completers / starters,
    avgTimeToComplete:
      !canComplete || timed === 0 || cohort?.avgSecondsToComplete == null
        ? null
        : { seconds: cohort.avgSecondsToComplete, completers: timed },
    dropOff: item.kind === 'course' ? dropOffLesson(cohort?.stops ?? [], starters) : null,
    whop,
  };
}

/** By interactions in the period, then unique viewers, completions, and Whop's lifetime views (posts). */
export function rankContent(lines: ContentLine[]): ContentLine[] {
  return [...lines].sort(
    (a, b) =>
      b.views - a.views ||
      b.uniqueViewers - a.uniqueViewers ||
      b.completions - a.completions ||
      (b.whop?.views ?? 0) - (a.whop?.views ?? 0) ||
      a.itemId - b.itemId,
  );
}
