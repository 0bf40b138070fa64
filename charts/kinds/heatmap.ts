// Weekday x hour activity heat map: 7 rows (Monday first) of 24 hour cells coloured by intensity.
import type { Chart, Plugin } from 'chart.js';
import { emptyPlan, headerOptions, LAYOUT } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import { formatNumber } from '../../core/format/index.ts';
import { countOf } from '../format.ts';
import { gridAxis, gridPlugin } from '../grid.ts';
import type { GridCell } from '../grid.ts';
import { FONT_FAMILY } from '../setup.ts';
import { mix, palette } from '../theme.ts';
import type { Palette } from '../theme.ts';
import type { HeatmapChartData, Theme } from '../types.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

function cellColour(p: Palette, t: number): string {
  return t <= 0 ? p.emptyCell : mix(p.emptyCell, p.primary, 0.14 + 0.86 * t);
}

/** "Less ▢▢▢▢▢ More" scale in the top-right corner of the card. */
function scalePlugin(p: Palette): Plugin {
  return {
    id: 'pulseHeatScale',
    afterDraw(chart: Chart) {
      const { ctx } = chart;
      const size = 10;
      const right = chart.width - LAYOUT.padding.right;
      const y = LAYOUT.padding.top + 6;
      ctx.save();
      ctx.font = `400 11px ${FONT_FAMILY}`;
      ctx.fillStyle = p.muted;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'right';
      ctx.fillText('More', right, y + size / 2);
      let x = right - ctx.measureText('More').width - 6 - size;
      for (let i = 4; i >= 0; i--, x -= size + 3) {
        ctx.fillStyle = cellColour(p, i / 4);
        ctx.beginPath();
        ctx.roundRect(x, y, size, size, 2);
        ctx.fill();
      }
      ctx.fillStyle = p.muted;
      ctx.fillText('Less', x + size - 3, y + size / 2);
      ctx.restore();
    },
  };
}

export function heatmapChart(data: HeatmapChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const unit = data.unit ?? 'events';
  const counts = DAYS.map((_, d) =>
    Array.from({ length: 24 }, (_, h) => {
      const v = data.counts[d]?.[h] ?? 0;
      return Number.isFinite(v) && v > 0 ? v : 0;
    }),
  );
  const total = counts.flat().reduce((a, b) => a + b, 0);
  const tz = data.timeZone ? ` (${data.timeZone})` : '';
  if (total === 0) return emptyPlan(p, 'Activity by weekday and hour', 'The heat map fills in as members are active.');
  const max = Math.max(...counts.flat());
  let peak = { d: 0, h: 0 };
  counts.forEach((row, d) =>
    row.forEach((v, h) => {
      if (v > (counts[peak.d]?.[peak.h] ?? 0)) peak = { d, h };
    }),
  );
  const byDay = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const busiest = byDay.indexOf(Math.max(...byDay));
  const quietest = byDay.indexOf(Math.min(...byDay));
  const peakText = `${DAYS[peak.d]} ${hour(peak.h)}–${hour((peak.h + 1) % 24)}`;
  const cells: GridCell[][] = counts.map((row) => row.map((v) => ({ fill: cellColour(p, v / max) })));
  const hours = Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? String(h).padStart(2, '0') : ''));
  return {
    alt:
      `Activity by weekday and hour${tz}: ${countOf(total, unit)}; busiest hour ${peakText} ` +
      `(${countOf(max, unit)}); busiest day ${DAY_NAMES[busiest]} (${formatNumber(byDay[busiest] ?? 0)}), ` +
      `quietest ${DAY_NAMES[quietest]} (${formatNumber(byDay[quietest] ?? 0)})`,
    config: {
      type: 'bar',
      data: { labels: hours, datasets: [] },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, {
          title: 'Activity by weekday and hour',
          subtitle: `Busiest ${peakText} (${countOf(max, unit)}) · ${countOf(total, unit)} in all${tz ? ` · hours in ${data.timeZone}` : ''}`,
        }),
        scales: { x: gridAxis(p, hours, 'bottom'), y: gridAxis(p, DAYS, 'left') },
      },
      plugins: [gridPlugin(cells, { gap: 3, radius: 3, fontSize: 10 }), scalePlugin(p)],
    },
  };
}
