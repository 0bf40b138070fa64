// Daily average engagement score (0-100) as a line; active members as bars on a second axis.
import type { ChartDataset } from 'chart.js';
import { categoryAxis, emptyPlan, headerOptions, LAYOUT, valueAxis } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import { formatCompact, formatNumber } from '../../core/format/index.ts';
import { formatDate } from '../format.ts';
import { byDate, changeBase, dayAxis, dayLabels, pointRadius } from '../series.ts';
import { alpha, palette } from '../theme.ts';
import type { EngagementChartData, Theme } from '../types.ts';

function scoreChange(days: EngagementChartData['days']): string {
  const scored = days.filter(
    (d): d is typeof d & { averageScore: number } => d.averageScore !== null && Number.isFinite(d.averageScore),
  );
  const ch = changeBase(scored, 30);
  const last = scored[scored.length - 1];
  if (!ch || !last) return '';
  const pts = Math.round(last.averageScore) - Math.round(ch.base.averageScore);
  const over = `over ${ch.days} day${ch.days === 1 ? '' : 's'}`;
  if (pts === 0) return `flat ${over}`;
  return `${pts > 0 ? 'up' : 'down'} ${Math.abs(pts)} point${Math.abs(pts) === 1 ? '' : 's'} ${over}`;
}

export function engagementChart(data: EngagementChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const days = byDate(data.days, (d) => d.date);
  const lastScored = days.filter((d) => d.averageScore !== null && Number.isFinite(d.averageScore)).at(-1);
  const hasActive = days.some((d) => d.activeMembers !== undefined);
  if (!lastScored && !hasActive) return emptyPlan(p, 'Engagement', 'Scores appear after the first day of activity.');
  const last = days[days.length - 1]!;
  const score = lastScored ? Math.round(lastScored.averageScore ?? 0) : undefined;
  const change = scoreChange(days);
  const active = last.activeMembers;
  const maxActive = Math.max(0, ...days.map((d) => d.activeMembers ?? 0));
  // One slot per calendar day: a missing day is a gap in the line, not a squeezed axis.
  const dates = dayAxis(days.map((d) => d.date));
  const byDay = new Map(days.map((d) => [d.date, d]));
  const scores = dates.map((d) => {
    const v = byDay.get(d)?.averageScore;
    return v === undefined || v === null || !Number.isFinite(v) ? null : v;
  });
  const base = pointRadius(scores.filter((v) => v !== null).length);
  const isolated = (i: number) =>
    scores[i] !== null && (scores[i - 1] ?? null) === null && (scores[i + 1] ?? null) === null;
  const radius = (i: number) => (isolated(i) ? Math.max(base, 2.5) : base);
  // A plain number when every point has the same size (no isolated point): a function makes Chart.js resolve the
  // options of every point on its own instead of once for all.
  const sameRadius = scores.every((_, i) => radius(i) === base);
  const datasets: ChartDataset<'bar' | 'line', (number | null)[]>[] = [
    {
      type: 'line',
      label: 'Average score',
      yAxisID: 'y',
      order: 0,
      data: scores,
      borderColor: p.primary,
      backgroundColor: p.primary,
      borderWidth: 2.5,
      pointRadius: sameRadius ? base : (c: { dataIndex: number }) => radius(c.dataIndex),
      tension: 0.3,
      cubicInterpolationMode: 'monotone',
      spanGaps: false,
    },
  ];
  if (hasActive) {
    datasets.push({
      type: 'bar',
      label: 'Active members',
      yAxisID: 'y1',
      order: 1,
      data: dates.map((d) => byDay.get(d)?.activeMembers ?? null),
      backgroundColor: alpha(p.muted, 0.22),
      borderRadius: 2,
      barPercentage: 0.8,
      categoryPercentage: 0.9,
    });
  }
  const scoreText =
    score === undefined
      ? 'no score yet'
      : `average score ${score}/100${lastScored ? ` on ${formatDate(lastScored.date)}` : ''}`;
  const activeText = active === undefined ? '' : `${formatNumber(active)} active members`;
  const alt = `Engagement: ${[scoreText + (change ? `, ${change}` : ''), activeText].filter(Boolean).join('; ')}`;
  const subtitle = [score === undefined ? 'No score yet' : `Average score ${score}/100`, change, activeText]
    .filter(Boolean)
    .join(' · ');
  return {
    alt,
    config: {
      type: 'line',
      data: { labels: dayLabels(dates), datasets: datasets as ChartDataset<'line', (number | null)[]>[] },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, { title: 'Engagement', subtitle, legend: hasActive }),
        scales: {
          x: categoryAxis(p),
          y: valueAxis(p, (v) => String(Math.round(v)), { min: 0, max: 100, ticks: { stepSize: 25 } }),
          ...(hasActive
            ? {
                y1: valueAxis(p, formatCompact, {
                  // Bars keep to the lower part of the plot, under the score line.
                  position: 'right',
                  beginAtZero: true,
                  max: maxActive > 0 ? niceCeil(maxActive * 1.8) : 10,
                  grid: { display: false },
                }),
              }
            : {}),
        },
      },
    },
  };
}

/** 1, 2, 2.5 or 5 times a power of ten, at least n. */
function niceCeil(n: number): number {
  const step = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 2.5, 5, 10].map((k) => k * step).find((v) => v >= n) ?? n;
}
