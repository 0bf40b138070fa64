// Content ranked by views: horizontal bars, each labelled with its views and completion rate.
import { emptyPlan, headerOptions, LAYOUT, suggestedMax, valueAxis } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import { formatCompact, formatNumber, formatPercent } from '../../core/format/index.ts';
import { countOf, drawable, truncate } from '../format.ts';
import { barEndLabelsPlugin } from '../plugins.ts';
import { palette } from '../theme.ts';
import type { ContentChartData, ContentItem, Theme } from '../types.ts';

const MAX_ITEMS = 10;
const MAX_LABEL = 30;

function describe(item: ContentItem): string {
  const rate =
    item.completionRate === null || !Number.isFinite(item.completionRate)
      ? ''
      : `, ${formatPercent(item.completionRate, 0)} completed`;
  return `${countOf(item.views, 'views')}${rate}`;
}

export function contentChart(data: ContentChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const items = data.items
    .filter((i) => Number.isFinite(i.views) && i.views >= 0)
    .sort((a, b) => b.views - a.views || a.title.localeCompare(b.title))
    .slice(0, MAX_ITEMS);
  const top = items[0];
  if (!top) return emptyPlan(p, 'Top content', 'Content appears once members open courses and posts.');
  const endLabels = items.map((i) => {
    const rate =
      i.completionRate === null || !Number.isFinite(i.completionRate)
        ? ''
        : ` · ${formatPercent(i.completionRate, 0)} completed`;
    return `${formatNumber(i.views)}${rate}`;
  });
  const maxViews = Math.max(...items.map((i) => i.views));
  const ranked = items
    .slice(0, 5)
    .map((i, n) => `${n + 1}. ${truncate(i.title, 60)}${i.type ? ` (${i.type})` : ''} ${describe(i)}`);
  return {
    alt: `Top content by views: ${ranked.join('; ')}`,
    config: {
      type: 'bar',
      data: {
        labels: items.map((i) => truncate(drawable(i.title), MAX_LABEL)),
        datasets: [
          {
            label: 'Views',
            data: items.map((i) => i.views),
            backgroundColor: p.primary,
            borderRadius: 3,
            barPercentage: 0.78,
            categoryPercentage: 0.9,
            maxBarThickness: 26,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        layout: LAYOUT,
        plugins: headerOptions(p, {
          title: 'Top content',
          subtitle: `By views · #1 ${truncate(drawable(top.title), 40)}: ${describe(top)}`,
        }),
        scales: {
          // Room past the longest bar for its label.
          x: valueAxis(p, formatCompact, {
            beginAtZero: true,
            max: maxViews > 0 ? maxViews * 1.32 : undefined,
            suggestedMax: suggestedMax([maxViews], 10),
            ticks: { precision: 0, display: false },
            grid: { display: false },
          }),
          y: {
            type: 'category',
            grid: { display: false },
            border: { display: false },
            ticks: { color: p.text, font: { size: 12 }, autoSkip: false, padding: 6 },
          },
        },
      },
      plugins: [barEndLabelsPlugin(p, endLabels)],
    },
  };
}
