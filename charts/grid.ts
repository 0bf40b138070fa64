// A grid of coloured cells drawn over two category axes (heat map, cohort table): Chart.js lays out the
// axes and their labels, this plugin fills the cells, optionally with centred text.
import type { Chart, Plugin, ScaleOptions } from 'chart.js';
import { FONT_FAMILY } from './setup.ts';
import type { Palette } from './theme.ts';

export interface GridCell {
  fill: string;
  text?: string;
  textColor?: string;
}

/** cells[row][col]; null leaves the cell empty. Row 0 is the top row. */
export function gridPlugin(
  cells: (GridCell | null)[][],
  opts: { gap: number; radius: number; fontSize: number },
): Plugin {
  return {
    id: 'pulseGrid',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, chartArea: a } = chart;
      const cols = Math.max(1, ...cells.map((r) => r.length));
      const rows = Math.max(1, cells.length);
      const w = (a.right - a.left) / cols;
      const h = (a.bottom - a.top) / rows;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = `600 ${opts.fontSize}px ${FONT_FAMILY}`;
      cells.forEach((row, r) => {
        row.forEach((cell, c) => {
          if (!cell) return;
          const x = a.left + c * w;
          const y = a.top + r * h;
          ctx.beginPath();
          ctx.roundRect(
            x + opts.gap / 2,
            y + opts.gap / 2,
            Math.max(1, w - opts.gap),
            Math.max(1, h - opts.gap),
            opts.radius,
          );
          ctx.fillStyle = cell.fill;
          ctx.fill();
          if (cell.text && w > opts.fontSize * 2.2) {
            ctx.fillStyle = cell.textColor ?? '#000';
            ctx.fillText(cell.text, x + w / 2, y + h / 2 + 0.5);
          }
        });
      });
      ctx.restore();
    },
  };
}

/** A category axis whose labels sit at the centre of each grid row or column. */
export function gridAxis(
  p: Palette,
  labels: string[],
  position: 'top' | 'bottom' | 'left',
  fontSize = 11,
): ScaleOptions<'category'> {
  return {
    type: 'category',
    position,
    labels,
    offset: true,
    grid: { display: false },
    border: { display: false },
    ticks: { color: p.muted, font: { size: fontSize }, autoSkip: false, maxRotation: 0, padding: 4 },
  } as ScaleOptions<'category'>;
}
