// Public API of charts/: pure rendering of Pulse's charts to PNG, with alt text.
export { chartPlan, renderChart } from './render.ts';
export { mrrChart, renderMrr } from './kinds/mrr.ts';
export { movementsChart, netNew } from './kinds/movements.ts';
export { engagementChart } from './kinds/engagement.ts';
export { heatmapChart } from './kinds/heatmap.ts';
export { riskChart, riskBucket } from './kinds/risk.ts';
export { cohortChart, averageRetention } from './kinds/cohort.ts';
export { contentChart } from './kinds/content.ts';
export * from './format.ts';
export type * from './types.ts';
