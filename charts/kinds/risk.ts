// Distribution of churn probability in 10-point buckets, coloured by risk level (the cut-offs are
// core/churn/risk.ts's).
import type { ChartDataset } from 'chart.js';
import { riskLevel, riskRange, type RiskLevel } from '../../core/churn/risk.ts';
import { categoryAxis, emptyPlan, headerOptions, LAYOUT, valueAxis } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import { formatCompact, formatNumber, formatPercent } from '../../core/format/index.ts';
import { palette } from '../theme.ts';
import type { RiskChartData, Theme } from '../types.ts';

const LEVELS: RiskLevel[] = ['critical', 'high', 'medium', 'low'];

/** Bucket i holds (i/10, (i+1)/10], bucket 0 also 0 itself, so bucket edges agree with the level thresholds. */
export function riskBucket(probability: number): number {
  return Math.min(9, Math.max(0, Math.ceil(Math.round(probability * 1e6) / 1e5) - 1));
}

export function riskChart(data: RiskChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const probs = data.probabilities.filter((x) => Number.isFinite(x)).map((x) => Math.min(1, Math.max(0, x)));
  if (probs.length === 0) return emptyPlan(p, 'Churn risk', 'Risk scores appear after the churn model first runs.');
  const buckets = Array<number>(10).fill(0);
  const levels: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const x of probs) {
    buckets[riskBucket(x)]! += 1;
    levels[riskLevel(x)] += 1;
  }
  const bucketLevel = (i: number) => riskLevel((i + 0.5) / 10);
  const datasets: ChartDataset<'bar', (number | null)[]>[] = [...LEVELS].reverse().map((level) => ({
    label: `${level[0]!.toUpperCase()}${level.slice(1)} ${riskRange(level, 'short')} · ${formatNumber(levels[level])}`,
    data: buckets.map((n, i) => (bucketLevel(i) === level ? n : null)),
    backgroundColor: p[level],
    borderRadius: 3,
    grouped: false,
    skipNull: true,
    barPercentage: 0.86,
    categoryPercentage: 0.92,
  }));
  const sorted = [...probs].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  const counts = LEVELS.map((l) => `${formatNumber(levels[l])} ${l}`);
  const labels = buckets.map((_, i) => `${i * 10}–${(i + 1) * 10}%`);
  return {
    alt:
      `Churn risk of ${formatNumber(probs.length)} members: ${formatNumber(levels.critical)} critical (${riskRange('critical')}), ` +
      `${formatNumber(levels.high)} high (${riskRange('high')}), ${formatNumber(levels.medium)} medium (${riskRange('medium')}), ${formatNumber(levels.low)} low; median churn probability ${formatPercent(median, 0)}`,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, {
          title: 'Churn risk',
          subtitle: `${counts.join(' · ')} of ${formatNumber(probs.length)} members · median ${formatPercent(median, 0)}`,
          legend: true,
        }),
        scales: {
          x: {
            ...categoryAxis(p, 10),
            title: { display: true, text: 'Churn probability', color: p.muted, font: { size: 11 } },
          },
          y: valueAxis(p, formatCompact, { beginAtZero: true, ticks: { precision: 0 } }),
        },
      },
    },
  };
}
