// The content section: core/content's contentReport for the period (the /content answer), ranked by views, with
// Whop's own counts for forum posts and the content types that have data.
import { contentReport } from '../../content/content.service.ts';
import { contentTypesWithData } from '../../content/content-engagement.repository.ts';
import type { Queryable } from '../../db/queryable.ts';
import type { Period } from '../../period.ts';
import type { ContentJson, Section } from '../report-json.ts';

/** `top`: keep only the first items (the overview shows 10); totalItems still counts all. */
export async function contentSection(
  db: Queryable,
  companyId: number,
  period: Period,
  asOf: Date,
  top?: number,
): Promise<Section<ContentJson>> {
  const r = await contentReport(db, companyId, { from: period.from, to: period.to, asOf });
  if (!r.ok) return { ok: false, notice: r.limit.message };
  const items = r.value.items.slice(0, top ?? r.value.items.length).map((i) => ({
    title: i.title,
    kind: i.kind,
    views: i.views,
    uniqueViewers: i.uniqueViewers,
    completions: i.completions,
    starters: i.starters,
    completers: i.completers,
    completionRate: i.completionRate,
    avgSecondsToComplete: i.avgTimeToComplete?.seconds ?? null,
    dropOff: i.dropOff && { lesson: i.dropOff.title, position: i.dropOff.position, share: i.dropOff.share },
    whop: i.whop && { views: i.whop.views, likes: i.whop.likes, comments: i.whop.comments },
  }));
  const types = await contentTypesWithData(db, companyId);
  return { ok: true, items, totalItems: r.value.items.length, types, notes: [...r.value.notes] };
}
