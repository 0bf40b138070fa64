// Revenue analytics (docs/metrics.md): the /revenue answer, the daily MRR series, drill-downs, revenue by plan
// and by product, the rollup they read, and the pure maths presenters and tests may use directly.
export {
  revenueReport,
  mrrSeries,
  checkRevenueQuery,
  QUICK_RATIO_FOOTNOTE,
  type RevenueQuery,
} from './revenue.service.ts';
export {
  revenueDrilldown,
  revenueFigures,
  parseRevenueFigure,
  type Drilldown,
  type DrilldownQuery,
  type DrilldownRow,
  type RevenueFigure,
} from './drilldown.service.ts';
export { memberFigureCounts, type FigureCount } from './figure-counts.service.ts';
export { figureLabels, memberFigures, parseFigureName, type MemberFigure } from './figure-names.ts';
export {
  revenueBreakdown,
  breakdownKinds,
  parseBreakdownBy,
  type RevenueBreakdown,
  type RevenueBreakdownBy,
  type SegmentRevenue,
} from './breakdown.service.ts';
export { rebuildRevenueRollup, ensureRevenueRollup, readRollupState, type RollupState } from './rollup.repository.ts';
export { companyById, companyByReference, type Company } from '../companies/company.repository.ts';
export { mrrContribution, snappedMonths } from './mrr-contribution.ts';
export { available, notAvailable, ratio, type Figure, type Available, type NotAvailable } from './figure.ts';
export type * from './types.ts';
