// The two charts of /engagement — the daily average score line and the weekday x hour heat map — with
// their numbers as text.
import type { EngagementReport } from '../../core/engagement/engagement-report.ts';
import type { AnswerChart } from '../answer.ts';
import { formatDate, formatNumber } from './format.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function scoreChart(r: EngagementReport): AnswerChart {
  const days = r.dailyScore.map((d) => ({ date: d.day, averageScore: d.average }));
  const scored = r.dailyScore.filter((d): d is typeof d & { average: number } => d.average !== null);
  const first = scored[0];
  const last = scored[scored.length - 1];
  const lines =
    first && last
      ? [
          `Average score ${formatDate(first.day)}: ${first.average.toFixed(1)}/100`,
          `Average score ${formatDate(last.day)}: ${last.average.toFixed(1)}/100`,
          `Range ${Math.min(...scored.map((d) => d.average)).toFixed(1)}–${Math.max(...scored.map((d) => d.average)).toFixed(1)}`,
        ]
      : ['No counted members in this period'];
  return {
    spec: { kind: 'engagement', data: { days } },
    filename: 'engagement.png',
    numbers: lines.join('\n'),
    alt: last
      ? `Daily average engagement score, ${last.average.toFixed(1)} on ${formatDate(last.day)}`
      : 'Daily average engagement score (no data)',
  };
}

export function heatmapChart(r: EngagementReport): AnswerChart {
  const counts = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const c of r.heatmap) counts[c.weekday - 1]![c.hour] = c.events;
  const total = r.heatmap.reduce((s, c) => s + c.events, 0);
  const busiest = [...r.heatmap].sort((a, b) => b.events - a.events || a.weekday - b.weekday || a.hour - b.hour)[0];
  const byDay = counts
    .map((row, d) => ({ d, n: row.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.n - a.n || a.d - b.d)[0];
  const lines =
    total === 0 || !busiest || !byDay
      ? ['No activity recorded in this period']
      : [
          `${formatNumber(total)} events in the period`,
          `Busiest hour: ${WEEKDAYS[busiest.weekday - 1]} ${String(busiest.hour).padStart(2, '0')}:00 (${formatNumber(busiest.events)} events)`,
          `Busiest day: ${WEEKDAYS[byDay.d]} (${formatNumber(byDay.n)} events)`,
        ];
  return {
    spec: { kind: 'heatmap', data: { counts, timeZone: r.timeZone } },
    filename: 'heatmap.png',
    numbers: lines.join('\n'),
    alt: `Activity by weekday and hour (${r.timeZone})`,
  };
}
