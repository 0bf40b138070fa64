// Revenue analytics (METRICS.md): the /revenue answer, the daily MRR series, drill-downs, the rollup they
// read, and the pure maths presenters and tests may use directly.
export { revenueReport, mrrSeries, checkRevenueQuery, QUICK_RATIO_FOOTNOTE, type RevenueQuery } from './revenue.service.ts';
export { revenueDrilldown, revenueFigures, type Drilldown, type DrilldownRow, type RevenueFigure } from './drilldown.service.ts';
export { rebuildRevenueRollup, ensureRevenueRollup, readRollupState, type RollupState } from './rollup.repository.ts';
export { findRevenueCompany, findCompanyByReference, type RevenueCompany } from './company.repository.ts';
export { mrrContribution, snappedMonths } from './mrr-contribution.ts';
export { available, notAvailable, ratio, type Figure, type Available, type NotAvailable } from './figure.ts';
export type * from './types.ts';
