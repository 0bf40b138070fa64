// The charts of a report page: which ones a report has, their charts/ specs built from the report JSON, and
// the <figure> that shows one — a <picture> with the light PNG by default and the dark one under
// prefers-color-scheme: dark, both served under the link's own path, and the chart's numbers as a caption.
import { chartPlan } from '../../charts/index.ts';
import type { ChartSpec } from '../../charts/types.ts';
import { riskRange } from '../../core/churn/risk.ts';
import { addDays } from '../../core/period.ts';
import type { ReportJson } from '../../core/reports/report-json.ts';
import { count, percent } from './format.ts';
import { html, type Html } from './html.ts';

export const chartNames = ['mrr', 'cohort', 'engagement', 'heatmap', 'risk', 'content', 'score'] as const;
export type ChartName = (typeof chartNames)[number];

export function isChartName(value: string): value is ChartName {
  return (chartNames as readonly string[]).includes(value);
}

/** The charts this report shows, in page order. */
export function reportCharts(r: ReportJson): ChartName[] {
  const out: ChartName[] = [];
  if (r.revenue?.ok) out.push('mrr');
  if (r.kind === 'revenue' && r.cohorts?.ok && r.cohorts.rows.length > 0) out.push('cohort');
  if (r.engagement?.ok) out.push('engagement');
  if (r.engagement?.ok && r.kind === 'engagement') out.push('heatmap');
  if (r.churn && r.churn.scored > 0 && r.kind === 'churn') out.push('risk');
  if (r.content?.ok && r.content.items.length > 0) out.push('content');
  if (r.member?.ok) out.push('score');
  return out;
}

/** The spec of a chart this report has (null otherwise); `probabilities` only for 'risk'. */
export function chartSpec(r: ReportJson, name: ChartName, probabilities: number[] = []): ChartSpec | null {
  if (!reportCharts(r).includes(name)) return null;
  switch (name) {
    case 'mrr': {
      if (!r.revenue?.ok) return null;
      const endsToday = addDays(r.period.to, -1) === r.asOfDay;
      const forecast =
        endsToday && r.forecast?.ok
          ? r.forecast.points.map((p) => ({ date: p.day, mrr: p.mrrMinor, lower: p.lowMinor, upper: p.highMinor }))
          : undefined;
      return {
        kind: 'mrr',
        data: {
          currency: r.company.currency,
          history: r.revenue.mrrDaily.map((d) => ({ date: d.day, mrr: d.mrrMinor })),
          forecast,
          intervalLevel: r.forecast?.ok ? r.forecast.intervalLevel : undefined,
        },
      };
    }
    case 'cohort':
      return r.cohorts?.ok
        ? {
            kind: 'cohort',
            data: {
              basis: 'customers',
              rows: r.cohorts.rows.map((c) => ({
                cohort: c.cohort.slice(0, 7),
                size: c.customers,
                retention: c.cells.map((cell) => cell.customerRetention),
              })),
            },
          }
        : null;
    case 'engagement':
      return r.engagement?.ok
        ? {
            kind: 'engagement',
            data: { days: r.engagement.daily.map((d) => ({ date: d.day, averageScore: d.averageScore })) },
          }
        : null;
    case 'heatmap': {
      if (!r.engagement?.ok) return null;
      const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
      for (const c of r.engagement.heatmap) counts[c.weekday - 1]![c.hour] = c.events;
      return { kind: 'heatmap', data: { counts, timeZone: r.company.timeZone } };
    }
    case 'risk':
      return { kind: 'risk', data: { probabilities } };
    case 'content':
      return r.content?.ok
        ? {
            kind: 'content',
            data: {
              items: r.content.items.map((i) => ({
                title: i.title,
                type: i.kind,
                views: i.views,
                completionRate: i.completionRate,
              })),
            },
          }
        : null;
    case 'score':
      return r.member?.ok
        ? {
            kind: 'engagement',
            data: { days: r.member.engagement.daily.map((d) => ({ date: d.day, averageScore: d.score })) },
          }
        : null;
  }
}

/** The chart's numbers in words (the risk chart's from the scoring summary, so no probabilities are read). */
export function chartText(r: ReportJson, name: ChartName): string {
  if (name === 'risk' && r.churn) {
    const l = r.churn.levels;
    const median =
      r.churn.medianProbability === null ? '' : `; median churn probability ${percent(r.churn.medianProbability, 0)}`;
    return (
      `Churn risk of ${count(r.churn.scored)} members: ${count(l.critical)} critical (${riskRange('critical')}), ${count(l.high)} high (${riskRange('high')}), ` +
      `${count(l.medium)} medium (${riskRange('medium')}), ${count(l.low)} low${median}`
    );
  }
  const spec = chartSpec(r, name);
  return spec ? chartPlan(spec, 'light').alt : '';
}

/** A chart as a figure: the PNG for the page's period (light, or dark by preference) and its numbers. */
export function chartFigure(base: string, r: ReportJson, name: ChartName): Html {
  const q = `?period=${r.period.name}`;
  const text = chartText(r, name);
  return html`<figure><picture><source srcset="${base}/chart/${name}-dark.png${q}" media="(prefers-color-scheme: dark)">
<img src="${base}/chart/${name}.png${q}" alt="${text}" width="800" height="400"></picture>
<figcaption>${text}</figcaption></figure>`;
}
