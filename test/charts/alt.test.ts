// Alt text carries the key numbers fed in, worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  cohortChart,
  contentChart,
  engagementChart,
  heatmapChart,
  movementsChart,
  mrrChart,
  renderMrr,
  riskChart,
} from '../../charts/index.ts';
import { addDays } from './fixtures.ts';

describe('alt text', () => {
  it('mrr: latest value, 30-day change and the forecast with its interval', async () => {
    const history = Array.from({ length: 31 }, (_, i) => ({
      date: addDays('2026-10-27', i),
      mrr: 1_184_000 + i * 1_000,
    }));
    history[30] = { date: '2026-11-26', mrr: 1_234_000 }; // 12,340 vs 11,840: +4.22%
    const forecast = Array.from({ length: 90 }, (_, i) => ({
      date: addDays('2026-11-26', i + 1),
      mrr: 1_240_000,
      lower: 1_200_000,
      upper: 1_280_000,
    }));
    forecast[89] = { date: '2027-02-24', mrr: 1_310_000, lower: 1_260_000, upper: 1_365_000 };
    const expected =
      'MRR $12,340 on 26 Nov 2026, up 4.2% over 30 days; forecast $13,100 (80%: $12,600–$13,650) in 90 days';
    expect(mrrChart({ currency: 'usd', history, forecast }).alt).toBe(expected);
    expect((await renderMrr({ currency: 'usd', history, forecast }, 'light')).alt).toBe(expected);
  });

  it('mrr: a drop, and a single point', () => {
    const history = [
      { date: '2026-11-01', mrr: 200_000 },
      { date: '2026-11-26', mrr: 150_000 },
    ];
    expect(mrrChart({ currency: 'eur', history }).alt).toBe('MRR €1,500 on 26 Nov 2026, down 25% over 25 days');
    expect(mrrChart({ currency: 'jpy', history: [{ date: '2026-11-26', mrr: 1235 }] }).alt).toBe(
      'MRR ¥1,235 on 26 Nov 2026',
    );
  });

  it('movements: the latest month split by movement, and the total', () => {
    const months = [
      { month: '2026-10', new: 100_000, reactivation: 0, expansion: 0, contraction: 0, churn: 150_000 },
      { month: '2026-11', new: 200_000, reactivation: 30_000, expansion: 50_000, contraction: 40_000, churn: 120_000 },
    ];
    expect(movementsChart({ currency: 'usd', months }).alt).toBe(
      'Net new MRR +$1,200 in November 2026: new $2,000, reactivation $300, expansion $500, contraction $400, churn $1,200; +$700 over 2 months',
    );
    expect(movementsChart({ currency: 'usd', months: months.slice(0, 1) }).alt).toContain(
      'Net new MRR −$500 in October 2026',
    );
  });

  it('engagement: score, change in points, active members', () => {
    const days = Array.from({ length: 31 }, (_, i) => ({
      date: addDays('2026-10-27', i),
      averageScore: 60,
      activeMembers: 400,
    }));
    days[0] = { ...days[0]!, averageScore: 59 };
    days[30] = { date: '2026-11-26', averageScore: 62, activeMembers: 412 };
    expect(engagementChart({ days }).alt).toBe(
      'Engagement: average score 62/100 on 26 Nov 2026, up 3 points over 30 days; 412 active members',
    );
  });

  it('heatmap: total, busiest hour, busiest and quietest day', () => {
    const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(1));
    counts[1]![20] = 134;
    expect(heatmapChart({ counts, timeZone: 'Europe/Paris' }).alt).toBe(
      'Activity by weekday and hour (Europe/Paris): 301 events; busiest hour Tue 20:00–21:00 (134 events); busiest day Tuesday (157), quietest Monday (24)',
    );
  });

  it('risk: members per level at the 0.3 / 0.5 / 0.7 thresholds', () => {
    const probabilities = [0.05, 0.3, 0.31, 0.5, 0.51, 0.7, 0.71, 0.99];
    expect(riskChart({ probabilities }).alt).toBe(
      'Churn risk of 8 members: 2 critical (over 70%), 2 high (50–70%), 2 medium (30–50%), 2 low; median churn probability 50%',
    );
  });

  it('cohort: size-weighted average retention and the newest cohort', () => {
    const rows = [
      { cohort: '2026-08', size: 40, retention: [1, 0.75, 0.6, 0.5] },
      { cohort: '2026-09', size: 10, retention: [1, 0.8, 0.7] },
      { cohort: '2026-10', size: 30, retention: [1, 0.9] },
      { cohort: '2026-11', size: 20, retention: [1] },
    ];
    // Month 1: (0.75*40 + 0.8*10 + 0.9*30) / 80 = 0.8125.
    expect(cohortChart({ basis: 'customers', rows }).alt).toBe(
      'Customer retention by cohort, 4 cohorts: average retention after 1 month 81%, 3 months 50%; newest cohort November 2026 (20 customers)',
    );
  });

  it('content: ranked by views with completion rates', () => {
    const items = [
      { title: 'Intro course', type: 'course', views: 4210, completionRate: 0.72 },
      { title: 'Welcome', views: 1200, completionRate: null },
      { title: 'Q&A', views: 2500, completionRate: 0.5 },
    ];
    expect(contentChart({ items }).alt).toBe(
      'Top content by views: 1. Intro course (course) 4,210 views, 72% completed; 2. Q&A 2,500 views, 50% completed; 3. Welcome 1,200 views',
    );
  });
});
