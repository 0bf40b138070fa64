// Bulk loading of simulated communities (demo, benchmarks, tests).
export { loadCommunity, type LoadProgress, type LoadResult } from './load-community.ts';
