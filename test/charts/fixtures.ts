// Realistic, deterministic chart inputs for tests, the bench and the preview script.
import type {
  CohortChartData,
  ContentChartData,
  EngagementChartData,
  HeatmapChartData,
  MovementsChartData,
  MrrChartData,
  RiskChartData,
  ChartSpec,
} from '../../charts/types.ts';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const AS_OF = '2026-11-26';

export function mrrData(): MrrChartData {
  const r = rng(1);
  const history = Array.from({ length: 180 }, (_, i) => {
    const trend = 900_000 + i * 1_860 + Math.sin(i / 9) * 9_000;
    return { date: addDays(AS_OF, i - 179), mrr: Math.round(trend + (r() - 0.5) * 8_000) };
  });
  history[179] = { date: AS_OF, mrr: 1_234_000 };
  const forecast = Array.from({ length: 90 }, (_, i) => {
    const mrr = Math.round(1_234_000 + (i + 1) * 840);
    const w = Math.round(8_000 + Math.sqrt(i + 1) * 5_200);
    return { date: addDays(AS_OF, i + 1), mrr, lower: mrr - w, upper: mrr + Math.round(w * 1.1) };
  });
  forecast[89] = { date: addDays(AS_OF, 90), mrr: 1_310_000, lower: 1_260_000, upper: 1_365_000 };
  return { currency: 'usd', history, forecast };
}

export function movementsData(): MovementsChartData {
  const r = rng(2);
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 7);
    const k = (x: number) => Math.round(x * (0.7 + r() * 0.6));
    return {
      month: m,
      new: k(180_000),
      reactivation: k(25_000),
      expansion: k(40_000),
      contraction: k(30_000),
      churn: k(110_000),
    };
  });
  months[7] = { ...months[7]!, new: 60_000, churn: 190_000 };
  months[11] = {
    month: '2026-11',
    new: 200_000,
    reactivation: 30_000,
    expansion: 50_000,
    contraction: 40_000,
    churn: 120_000,
  };
  return { currency: 'usd', months };
}

export function engagementData(): EngagementChartData {
  const r = rng(3);
  const days = Array.from({ length: 30 }, (_, i) => ({
    date: addDays(AS_OF, i - 29),
    averageScore: Math.round(55 + i * 0.25 + (r() - 0.5) * 8),
    activeMembers: Math.round(360 + Math.sin(i / 3) * 40 + r() * 30),
  }));
  days[0] = { ...days[0]!, averageScore: 59 };
  days[29] = { date: AS_OF, averageScore: 62, activeMembers: 412 };
  return { days };
}

export function heatmapData(): HeatmapChartData {
  const r = rng(4);
  const counts = Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, h) => {
      const evening = Math.exp(-((h - 20) ** 2) / 8) * 110;
      const midday = Math.exp(-((h - 13) ** 2) / 6) * 50;
      const weekend = d >= 5 ? 0.6 : 1;
      return Math.round((evening + midday + 4) * weekend * (0.8 + r() * 0.4));
    }),
  );
  counts[1]![20] = 134;
  return { counts, timeZone: 'UTC' };
}

export function riskData(): RiskChartData {
  const r = rng(5);
  const probabilities = Array.from({ length: 1_240 }, () => Math.min(0.99, r() ** 2.6));
  return { probabilities };
}

export function cohortData(): CohortChartData {
  const r = rng(6);
  const rows = Array.from({ length: 12 }, (_, i) => {
    const cohort = new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 7);
    const reached = 12 - i;
    let v = 1;
    const retention = Array.from({ length: reached }, (_, k) => {
      if (k > 0) v *= k === 1 ? 0.82 + r() * 0.06 : 0.93 + r() * 0.04;
      return Math.round(v * 1000) / 1000;
    });
    return { cohort, size: 20 + Math.round(r() * 40), retention };
  });
  return { basis: 'customers', rows };
}

export function contentData(): ContentChartData {
  const titles = [
    'Intro to Options Trading: The Complete Beginner Masterclass (2026 Edition)',
    'Risk management 101',
    'Weekly market recap',
    'Reading candlestick charts',
    'Community call recording — November',
    'Building your first watchlist',
    'Tax basics for traders',
    'Psychology of losing streaks',
    'Tools we use',
    'Q&A archive',
    'Glossary',
    'Welcome post',
  ];
  return {
    items: titles.map((title, i) => ({
      title,
      type: i % 3 === 0 ? 'course' : 'post',
      views: Math.round(4_210 / (1 + i * 0.55)),
      completionRate: i === 2 ? null : Math.round((0.72 - i * 0.04) * 100) / 100,
    })),
  };
}

export function allSpecs(): ChartSpec[] {
  return [
    { kind: 'mrr', data: mrrData() },
    { kind: 'movements', data: movementsData() },
    { kind: 'engagement', data: engagementData() },
    { kind: 'heatmap', data: heatmapData() },
    { kind: 'risk', data: riskData() },
    { kind: 'cohort', data: cohortData() },
    { kind: 'content', data: contentData() },
  ];
}
