// Drawing that Chart.js does not do itself: the opaque rounded card behind the chart, the "No data yet"
// message, and short text labels at the end of bars.
import type { Chart, Plugin } from 'chart.js';
import { FONT_FAMILY } from './setup.ts';
import { textOn } from './theme.ts';
import type { Palette } from './theme.ts';

const RADIUS = 14;

export function cardPlugin(p: Palette): Plugin {
  return {
    id: 'pulseCard',
    beforeDraw(chart: Chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.beginPath();
      ctx.roundRect(0.5, 0.5, width - 1, height - 1, RADIUS);
      ctx.fillStyle = p.card;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = p.border;
      ctx.stroke();
      ctx.restore();
    },
  };
}

export function noDataPlugin(p: Palette, message: string, hint: string): Plugin {
  return {
    id: 'pulseNoData',
    afterDraw(chart: Chart) {
      const { ctx, chartArea: a } = chart;
      const x = (a.left + a.right) / 2;
      const y = (a.top + a.bottom) / 2;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = p.text;
      ctx.font = `600 18px ${FONT_FAMILY}`;
      ctx.fillText(message, x, y - 12);
      ctx.fillStyle = p.muted;
      ctx.font = `400 13px ${FONT_FAMILY}`;
      ctx.fillText(hint, x, y + 14);
      ctx.restore();
    },
  };
}

/**
 * Writes labels[i] just past the end of each bar of dataset 0 of a horizontal bar chart, or inside the bar's
 * end when it would run past the card.
 */
export function barEndLabelsPlugin(p: Palette, labels: string[]): Plugin {
  return {
    id: 'pulseBarEndLabels',
    afterDatasetsDraw(chart: Chart) {
      const { ctx } = chart;
      const bars = chart.getDatasetMeta(0).data;
      ctx.save();
      ctx.textBaseline = 'middle';
      ctx.font = `400 12px ${FONT_FAMILY}`;
      const limit = chart.width - 12;
      bars.forEach((bar, i) => {
        const text = labels[i];
        if (!text) return;
        const inside = bar.x + 8 + ctx.measureText(text).width > limit;
        ctx.textAlign = inside ? 'right' : 'left';
        ctx.fillStyle = inside ? textOn(p.primary) : p.muted;
        ctx.fillText(text, inside ? bar.x - 8 : bar.x + 8, bar.y);
      });
      ctx.restore();
    },
  };
}
