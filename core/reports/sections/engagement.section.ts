// The engagement section: core/engagement's engagementReport for the period (the /engagement answer),
// aggregates only — its member lists (top and fading members) are left out of shared reports.
import type { Queryable } from '../../db/queryable.ts';
import { engagementReport } from '../../engagement/engagement.service.ts';
import type { Period } from '../../period.ts';
import type { EngagementJson, Section } from '../report-json.ts';

export async function engagementSection(
  db: Queryable,
  companyId: number,
  period: Period,
  asOf: Date,
): Promise<Section<EngagementJson>> {
  // limit 0: no member lists (shared reports show none; skipping them saves a scan of the period's members).
  const r = await engagementReport(db, companyId, { from: period.from, to: period.to, asOf, limit: 0 });
  if (!r.ok) return { ok: false, notice: r.limit.message };
  const e = r.value;
  return {
    ok: true,
    members: { ...e.members },
    active: { ...e.active },
    idle: { ...e.idle },
    dormant: { ...e.dormant },
    atRisk: { ...e.atRisk },
    averageScore: { ...e.averageScore },
    daily: e.dailyScore.map((d) => ({ day: d.day, averageScore: d.average, members: d.members })),
    heatmap: e.heatmap.map((c) => ({ ...c })),
    notes: [...e.notes],
  };
}
