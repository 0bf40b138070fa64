// Bulk loading of simulated communities (demo, benchmarks, tests).
export { loadCommunity, type LoadOptions, type LoadProgress, type LoadResult, type RowCounts } from './load-community.ts';
export { loadWithProgressBar } from './progress-bar.ts';
