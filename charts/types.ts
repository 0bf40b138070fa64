// Chart inputs as plain data. Money is integer minor units (cents) with an ISO 4217 currency code
// (any case: 'usd', 'JPY'); dates are calendar dates in the company's time zone.

export type Theme = 'dark' | 'light';

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** A calendar month, 'YYYY-MM'. */
export type IsoMonth = string;

export interface MrrPoint {
  date: IsoDate;
  mrr: number;
}
/** One forecast day: the point forecast and its prediction interval, all minor units. */
export interface ForecastPoint {
  date: IsoDate;
  mrr: number;
  lower: number;
  upper: number;
}
export interface MrrChartData {
  currency: string;
  /** Daily (or any regular) MRR history, oldest first. */
  history: MrrPoint[];
  /** Forecast days after the last history day, oldest first. */
  forecast?: ForecastPoint[];
  /** Coverage of [lower, upper]; default 0.8. */
  intervalLevel?: number;
}

/** One month's MRR movements; every amount is a non-negative size in minor units. */
export interface MovementMonth {
  month: IsoMonth;
  new: number;
  reactivation: number;
  expansion: number;
  contraction: number;
  churn: number;
}
export interface MovementsChartData {
  currency: string;
  months: MovementMonth[];
}

export interface EngagementDay {
  date: IsoDate;
  /** Average engagement score 0-100; null when no member was counted that day. */
  averageScore: number | null;
  activeMembers?: number;
}
export interface EngagementChartData {
  days: EngagementDay[];
}

export interface HeatmapChartData {
  /** counts[weekday][hour]: weekday 0 = Monday ... 6 = Sunday, hour 0-23. Missing cells count 0. */
  counts: number[][];
  /** Shown in the hour axis title, e.g. 'Europe/Paris'. */
  timeZone?: string;
  /** What is counted; default 'events'. */
  unit?: string;
}

export interface RiskChartData {
  /** Calibrated churn probabilities 0-1, one per member scored. */
  probabilities: number[];
}

export interface CohortRow {
  cohort: IsoMonth;
  /** Customers in the cohort (or its starting MRR in minor units when basis is 'mrr'). */
  size: number;
  /** retention[k]: share (0-1, may exceed 1 for MRR) still retained k months after the start; null = not reached yet. */
  retention: (number | null)[];
}
export interface CohortChartData {
  basis: 'customers' | 'mrr';
  /** Oldest cohort first. */
  rows: CohortRow[];
  /** Needed when basis is 'mrr' (to format cohort sizes). */
  currency?: string;
}

export interface ContentItem {
  title: string;
  /** 'course', 'lesson', 'post', 'file'... */
  type?: string;
  views: number;
  /** completers / starters, 0-1; null when nobody started it. */
  completionRate: number | null;
}
export interface ContentChartData {
  items: ContentItem[];
}

export type ChartSpec =
  | { kind: 'mrr'; data: MrrChartData }
  | { kind: 'movements'; data: MovementsChartData }
  | { kind: 'engagement'; data: EngagementChartData }
  | { kind: 'heatmap'; data: HeatmapChartData }
  | { kind: 'risk'; data: RiskChartData }
  | { kind: 'cohort'; data: CohortChartData }
  | { kind: 'content'; data: ContentChartData };

export type ChartKind = ChartSpec['kind'];

export interface RenderOptions {
  /** 'dark' (default, for Discord) or 'light' (Slack, report pages). */
  theme?: Theme;
  /** Logical size in CSS pixels; default 800 x 400. */
  width?: number;
  height?: number;
  /** Device pixels per logical pixel; default 2 (the PNG is 1600 x 800). */
  pixelRatio?: number;
}

export interface RenderedChart {
  png: Buffer;
  /** Text alternative with the key numbers, for alt text and image-less clients. */
  alt: string;
  /** The PNG's size in device pixels (logical size times pixelRatio). */
  width: number;
  height: number;
  pixelRatio: number;
}
