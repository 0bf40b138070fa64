// Edge-case chart inputs: empty, single point, all zeros, huge numbers, negative net, long labels.
import type { ChartSpec } from '../../charts/types.ts';
import { addDays, AS_OF } from './fixtures.ts';

export function emptySpecs(): ChartSpec[] {
  return [
    { kind: 'mrr', data: { currency: 'usd', history: [] } },
    { kind: 'movements', data: { currency: 'usd', months: [] } },
    { kind: 'engagement', data: { days: [] } },
    { kind: 'heatmap', data: { counts: [] } },
    { kind: 'risk', data: { probabilities: [] } },
    { kind: 'cohort', data: { basis: 'customers', rows: [] } },
    { kind: 'content', data: { items: [] } },
  ];
}

const month = (i: number) => new Date(Date.UTC(2026, i, 1)).toISOString().slice(0, 7);

export function edgeSpecs(): Record<string, ChartSpec> {
  return {
    'empty-mrr': emptySpecs()[0]!,
    'single-mrr': { kind: 'mrr', data: { currency: 'eur', history: [{ date: AS_OF, mrr: 4_990 }] } },
    'zeros-mrr': {
      kind: 'mrr',
      data: {
        currency: 'usd',
        history: Array.from({ length: 30 }, (_, i) => ({ date: addDays(AS_OF, i - 29), mrr: 0 })),
      },
    },
    'huge-mrr': {
      kind: 'mrr',
      data: {
        currency: 'jpy',
        history: Array.from({ length: 400 }, (_, i) => ({
          date: addDays(AS_OF, i - 399),
          mrr: 9_000_000_000_000 + i * 12_345_678_901,
        })),
        forecast: [
          { date: addDays(AS_OF, 90), mrr: 14_500_000_000_000, lower: 13_000_000_000_000, upper: 16_000_000_000_000 },
        ],
      },
    },
    'negative-movements': {
      kind: 'movements',
      data: {
        currency: 'gbp',
        months: Array.from({ length: 6 }, (_, i) => ({
          month: month(i + 5),
          new: 10_000,
          reactivation: 0,
          expansion: 2_000,
          contraction: 8_000,
          churn: 40_000 + i * 5_000,
        })),
      },
    },
    'zeros-movements': {
      kind: 'movements',
      data: {
        currency: 'usd',
        months: [{ month: '2026-11', new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 }],
      },
    },
    'gaps-engagement': {
      kind: 'engagement',
      data: {
        days: Array.from({ length: 10 }, (_, i) => ({
          date: addDays(AS_OF, i - 9),
          averageScore: i % 4 === 1 ? null : 40 + i,
        })),
      },
    },
    'single-heatmap': {
      kind: 'heatmap',
      data: { counts: [[], [], [], [], [], [], Array.from({ length: 24 }, (_, h) => (h === 23 ? 1 : 0))] },
    },
    'all-critical-risk': { kind: 'risk', data: { probabilities: [0.99, 0.95, 0.71, 1, 0.8] } },
    'mrr-cohort': {
      kind: 'cohort',
      data: {
        basis: 'mrr',
        currency: 'usd',
        rows: [
          { cohort: '2026-10', size: 1_234_500, retention: [1, 1.12] },
          { cohort: '2026-11', size: 88_000, retention: [1] },
        ],
      },
    },
    'long-content': {
      kind: 'content',
      data: {
        items: [
          {
            title: 'An extremely long lesson title that would never fit on the axis of any reasonable chart at all',
            views: 12_345_678,
            completionRate: 0.05,
          },
          { title: 'Short', views: 1, completionRate: null },
          { title: 'Émojis 🚀 and ünïcödé — in a title that is quite long too', views: 50_000, completionRate: 1 },
        ],
      },
    },
  };
}
