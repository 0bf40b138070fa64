// contentReport: the /content answer for a period, from the content_daily rollup, the members' content
// interactions and Whop's own engagement counts (forum posts). The queries run side by side when `conn` is a pool.
import { companyById } from '../companies/company.repository.ts';
import type { Queryable } from '../db/queryable.ts';
import { reportPeriod, type ReportPeriodInput } from '../engagement/report-period.ts';
import { BadInput } from '../errors.ts';
import { localDay } from '../period.ts';
import { historyLimit, isTier, type Limited } from '../tiers/tier-limits.ts';
import { itemCohorts } from './content-cohorts.repository.ts';
import { contentLine, contentTypes, rankContent, type ContentReport, type ContentType } from './content-report.ts';
import { contentItemTotals } from './content.repository.ts';
import { whopEngagement } from './content-engagement.repository.ts';

export interface ContentReportOptions extends ReportPeriodInput {
  /** Only items of this kind. */
  type?: ContentType;
  /** Apply the company tier's history window (default true; operators' read-outs may turn it off). */
  enforceTier?: boolean;
}

/** The report, or the tier limit when the period starts before the tier's history window. */
export async function contentReport(
  conn: Queryable,
  companyId: number,
  options: ContentReportOptions,
): Promise<Limited<ContentReport>> {
  const type = options.type ?? null;
  if (type !== null && !(contentTypes as readonly string[]).includes(type)) {
    throw new BadInput(`type must be one of ${contentTypes.join(', ')}, not ${JSON.stringify(type)}`);
  }
  const company = await companyById(conn, companyId);
  const tz = company.timeZone;
  const p = reportPeriod(options, tz);
  const tooOld =
    options.enforceTier === false
      ? null
      : historyLimit(isTier(company.tier) ? company.tier : 'free', localDay(options.asOf, tz), p.from);
  if (tooOld) return { ok: false, limit: tooOld };
  const [items, cohorts, whop] = await Promise.all([
    contentItemTotals(conn, companyId, p.from, p.to, type),
    itemCohorts(conn, companyId, tz, p.from, p.to),
    whopEngagement(conn, companyId),
  ]);
  const byItem = new Map(cohorts.map((c) => [c.itemId, c]));
  const notes = p.note ? [p.note] : [];
  return {
    ok: true,
    value: {
      companyId,
      timeZone: tz,
      period: { from: p.from, to: p.to, days: p.days },
      type,
      items: rankContent(
        items.map((item) => contentLine(item, byItem.get(item.itemId), whop.get(item.itemId) ?? null)),
      ),
      notes,
    },
  };
}
