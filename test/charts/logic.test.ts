// The small calculations behind the charts: risk levels and buckets, cohort averages, net new MRR, day axes.
import { describe, expect, it } from 'vitest';
import { averageRetention, netNew, riskBucket } from '../../charts/index.ts';
import { riskLevel } from '../../core/churn/risk.ts';
import { changeBase, dayAxis, dayLabels } from '../../charts/series.ts';
import { mix, textOn } from '../../charts/theme.ts';

describe('risk', () => {
  it('uses strict thresholds: critical > 0.7, high > 0.5, medium > 0.3', () => {
    expect([0, 0.3, 0.30001, 0.5, 0.50001, 0.7, 0.70001, 1].map(riskLevel)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('buckets by tenths so that bucket edges agree with the levels', () => {
    expect([0, 0.05, 0.1, 0.1001, 0.3, 0.31, 0.7, 0.71, 0.99, 1].map(riskBucket)).toEqual([
      0, 0, 0, 1, 2, 3, 6, 7, 9, 9,
    ]);
  });
});

describe('cohorts and movements', () => {
  it('averages retention weighted by cohort size, over cohorts that reached the month', () => {
    const rows = [
      { cohort: '2026-09', size: 10, retention: [1, 0.8] },
      { cohort: '2026-10', size: 30, retention: [1, 0.9, null] },
      { cohort: '2026-11', size: 20, retention: [1] },
    ];
    expect(averageRetention(rows, 1)).toBeCloseTo(0.875, 10);
    expect(averageRetention(rows, 2)).toBeUndefined();
  });

  it('net new MRR = new + reactivation + expansion - contraction - churn', () => {
    expect(netNew({ month: '2026-11', new: 200, reactivation: 30, expansion: 50, contraction: 40, churn: 300 })).toBe(
      -60,
    );
  });
});

describe('series', () => {
  it('fills in missing days and labels them', () => {
    expect(dayAxis(['2026-12-30', '2027-01-02'])).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(dayAxis([])).toEqual([]);
    expect(dayLabels(['2026-12-31', '2027-01-01'])).toEqual(['31 Dec', '1 Jan']);
    expect(dayLabels(['2025-11-01', '2026-11-01'])).toEqual(["1 Nov '25", "1 Nov '26"]);
  });

  it('compares with the last point at least N days back, or the first point', () => {
    const pts = ['2026-10-20', '2026-10-27', '2026-11-01', '2026-11-26'].map((date) => ({ date }));
    expect(changeBase(pts, 30)).toEqual({ base: { date: '2026-10-27' }, days: 30 });
    expect(changeBase(pts.slice(2), 30)).toEqual({ base: { date: '2026-11-01' }, days: 25 });
    expect(changeBase(pts.slice(3), 30)).toBeUndefined();
  });
});

describe('colours', () => {
  it('mixes and picks readable text', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(textOn('#ffffff')).toBe('#16171a');
    expect(textOn('#1e1f24')).toBe('#f7f8fa');
  });
});
