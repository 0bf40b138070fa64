// Public API of charts/: pure rendering of Pulse's charts to PNG, with alt text.
export { chartPlan, renderChart } from './render.ts';
export type { ChartPlan } from './base.ts';
export { mrrChart, renderMrr } from './kinds/mrr.ts';
export { movementsChart, renderMovements, netNew } from './kinds/movements.ts';
export { engagementChart, renderEngagement } from './kinds/engagement.ts';
export { heatmapChart, renderHeatmap } from './kinds/heatmap.ts';
export { riskChart, renderRisk, riskBucket } from './kinds/risk.ts';
export { cohortChart, renderCohort, averageRetention } from './kinds/cohort.ts';
export { contentChart, renderContent } from './kinds/content.ts';
export * from './format.ts';
export type * from './types.ts';
