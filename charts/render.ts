// renderChart: one entry point for every chart kind, used by the bot, the digest and the report pages.
import type { ChartPlan } from './base.ts';
import { renderPlan } from './canvas.ts';
import { cohortChart } from './kinds/cohort.ts';
import { contentChart } from './kinds/content.ts';
import { engagementChart } from './kinds/engagement.ts';
import { heatmapChart } from './kinds/heatmap.ts';
import { movementsChart } from './kinds/movements.ts';
import { mrrChart } from './kinds/mrr.ts';
import { riskChart } from './kinds/risk.ts';
import type { ChartSpec, RenderedChart, RenderOptions, Theme } from './types.ts';

/** The Chart.js configuration and alt text for a spec, without rendering it. */
export function chartPlan(spec: ChartSpec, theme: Theme = 'dark'): ChartPlan {
  switch (spec.kind) {
    case 'mrr':
      return mrrChart(spec.data, theme);
    case 'movements':
      return movementsChart(spec.data, theme);
    case 'engagement':
      return engagementChart(spec.data, theme);
    case 'heatmap':
      return heatmapChart(spec.data, theme);
    case 'risk':
      return riskChart(spec.data, theme);
    case 'cohort':
      return cohortChart(spec.data, theme);
    case 'content':
      return contentChart(spec.data, theme);
  }
}

/** Renders a chart to an 800x400 (logical) PNG at 2x, with its alt text. */
export function renderChart(spec: ChartSpec, opts: RenderOptions = {}): Promise<RenderedChart> {
  const { theme = 'dark', ...size } = opts;
  return renderPlan(chartPlan(spec, theme), theme, size);
}
