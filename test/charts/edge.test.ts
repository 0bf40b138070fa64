// Empty data, single points, zeros, huge numbers, negative net movements and long labels all render.
import { describe, expect, it } from 'vitest';
import { chartPlan, renderChart } from '../../charts/index.ts';
import { edgeSpecs, emptySpecs } from './edge-fixtures.ts';
import { decode, inkStats, pngSize } from './png-helpers.ts';

const DARK_CARD: [number, number, number] = [0x1e, 0x1f, 0x24];

describe('empty data', () => {
  it.each(emptySpecs().map((s) => [s.kind, s] as const))('%s renders a "No data yet" card', async (_kind, spec) => {
    const chart = await renderChart(spec);
    expect(pngSize(chart.png)).toEqual({ width: 1600, height: 800 });
    expect(chart.alt).toMatch(/: no data yet\./);
    const { colours, ink } = inkStats(await decode(chart.png), DARK_CARD, 2);
    expect(colours).toBeGreaterThan(2); // title and message text
    expect(ink).toBeGreaterThan(0.002);
    expect(ink).toBeLessThan(0.05);
  });

  it('treats non-finite and out-of-range inputs as missing', () => {
    expect(chartPlan({ kind: 'risk', data: { probabilities: [Number.NaN, Infinity] } }).alt).toContain('no data yet');
    expect(chartPlan({ kind: 'risk', data: { probabilities: [-1, 2] } }).alt).toContain('1 critical');
    expect(chartPlan({ kind: 'heatmap', data: { counts: [[-5, Number.NaN]] } }).alt).toContain('no data yet');
    expect(
      chartPlan({ kind: 'engagement', data: { days: [{ date: '2026-11-26', averageScore: null }] } }).alt,
    ).toContain('no data yet');
    expect(
      chartPlan({ kind: 'cohort', data: { basis: 'customers', rows: [{ cohort: '2026-11', size: 3, retention: [] }] } })
        .alt,
    ).toContain('no data yet');
  });
});

describe('edge cases', () => {
  it.each(Object.entries(edgeSpecs()))('%s renders', async (_name, spec) => {
    const chart = await renderChart(spec);
    expect(pngSize(chart.png)).toEqual({ width: 1600, height: 800 });
    expect(inkStats(await decode(chart.png), DARK_CARD).colours).toBeGreaterThan(2);
  });

  it('keeps huge amounts compact in the header and exact in the alt text', () => {
    const plan = chartPlan(edgeSpecs()['huge-mrr']!);
    const title = (plan.config.options?.plugins?.title as { text: string }).text;
    expect(title).toBe('MRR ¥13.9T');
    expect(plan.alt).toContain('¥13,925,925,881,499');
  });

  it('shows a negative net new MRR with its sign', () => {
    expect(chartPlan(edgeSpecs()['negative-movements']!).alt).toMatch(
      /^Net new MRR −£610 in November 2026: .*; −£2,910 over 6 months$/,
    );
  });

  it('truncates long titles on the axis but keeps them in the alt text', () => {
    const plan = chartPlan(edgeSpecs()['long-content']!);
    const labels = plan.config.data.labels as string[];
    expect(labels[0]).toBe('An extremely long lesson titl…');
    expect(labels[1]).toBe('Émojis and ünïcödé — in a tit…');
    expect(labels.every((l) => [...l].length <= 30)).toBe(true);
    expect(plan.alt).toContain(
      '1. An extremely long lesson title that would never fit on the… 12,345,678 views, 5% completed',
    );
    expect(plan.alt).toContain('3. Short 1 view');
  });

  it('an all-zero series gets a readable axis and says flat', () => {
    const plan = chartPlan(edgeSpecs()['zeros-mrr']!);
    expect(plan.alt).toBe('MRR $0 on 26 Nov 2026, flat over 29 days');
    expect((plan.config.options?.scales?.y as { suggestedMax?: number }).suggestedMax).toBe(100);
  });
});
