// Revenue analytics (docs/metrics.md): the /revenue answer, the daily MRR series, drill-downs, revenue by plan
// and by product, the rollup they read, and the pure maths presenters and tests may use directly.
export { revenueReport, mrrSeries } from './revenue.service.ts';
export { revenueDrilldown } from './drilldown.service.ts';
export { figureLabels, memberFigures, type MemberFigure } from './figure-names.ts';
export { revenueBreakdown, parseBreakdownBy, type RevenueBreakdown, type RevenueBreakdownBy } from './breakdown.service.ts';
export { rebuildRevenueRollup, readRollupState } from './rollup.repository.ts';
export { findRevenueCompany, type RevenueCompany } from './company.repository.ts';
export { type Figure } from './figure.ts';
export type * from './types.ts';
