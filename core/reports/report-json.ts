// The report's data, as GET /r/:token.json serves it and the HTML page and CSV render it (documented in
// docs/report-json.md). Money is integer minor units of `company.currency`; rates are plain ratios
// (0.05 = 5%); days are 'YYYY-MM-DD' in the company's time zone; periods are [from, to) with `to` exclusive;
// instants are ISO 8601 UTC strings. A figure that cannot be computed is null with a reason, never 0.
import type { CompanyTier } from '../tiers/tier-limits.ts';
import type { ReportKind } from './kinds.ts';
import type { PeriodName } from '../named-periods.ts';

/** A number that may be unavailable (a rate over zero, an LTV with no churn). */
export interface FigureJson {
  value: number | null;
  reason?: string;
}

/** A section, or the tier limit that kept it from being computed. */
export type Section<T> = ({ ok: true } & T) | { ok: false; notice: string };

export interface ChangeJson {
  now: number;
  previous: number;
  change: number;
}

export interface RevenueJson {
  mrrStartMinor: number;
  mrrEndMinor: number;
  arrEndMinor: number;
  customersStart: number;
  customersEnd: number;
  movements: {
    newMinor: number;
    reactivationMinor: number;
    expansionMinor: number;
    contractionMinor: number;
    churnMinor: number;
    netNewMinor: number;
  };
  churnedCustomers: number;
  customerChurnRate: FigureJson;
  grossMrrChurnRate: FigureJson;
  netMrrChurnRate: FigureJson;
  quickRatio: FigureJson;
  netRevenueRetention: FigureJson;
  arpuMinor: FigureJson;
  ltvMinor: FigureJson;
  cash: {
    paymentsMinor: number;
    refundsMinor: number;
    revenueMinor: number;
    refundRate: FigureJson;
    failedPayments: number;
    failedMinor: number;
    recoveredPayments: number;
    recoveredMinor: number;
  };
  pastDueMrrMinor: number;
  pastDueCustomers: number;
  /** The period just before (same length; whole months for month periods); null when outside the tier's history. */
  previous: {
    from: string;
    to: string;
    mrrEndMinor: number;
    netNewMinor: number;
    customersEnd: number;
    revenueMinor: number;
    customerChurnRate: FigureJson;
  } | null;
  /** MRR at the end of each day from the day before `from` to the last day of the period. */
  mrrDaily: Array<{ day: string; mrrMinor: number }>;
  footnotes: string[];
  /**
   * What stands behind each movement and count (new, reactivation, expansion, contraction, churn, past due,
   * recovered, refunds): its amount, its rows (memberships; payments for recovered, refunds for refunds) and
   * customers. Counts only: a shared link names nobody (docs/report-json.md).
   */
  behind: Array<{ title: string; figure: string; amountMinor: number; rows: number; customers: number }>;
  /** The period per plan and per product; MRR and movements add up to the company's, customers may not. */
  byPlan: SegmentRevenueJson[];
  byProduct: SegmentRevenueJson[];
}

/** One plan's or product's period (core/revenue revenueBreakdown). */
export interface SegmentRevenueJson {
  title: string;
  /** A plan's product (null for products and for plans without one). */
  product: string | null;
  mrrStartMinor: number;
  mrrEndMinor: number;
  customersStart: number;
  customersEnd: number;
  movements: {
    newMinor: number;
    reactivationMinor: number;
    expansionMinor: number;
    contractionMinor: number;
    churnMinor: number;
    netNewMinor: number;
  };
  /** MRR customers brought from (+) or took to (-) another plan or product; 0 over all rows. */
  movedMinor: number;
  arpuMinor: FigureJson;
}

export interface ForecastJson {
  method: string;
  /** Nominal coverage of [lowMinor, highMinor] (0.8). */
  intervalLevel: number;
  /** Daily points from the day after the last day with data, as many as the period has days (14 to 90). */
  points: Array<{ day: string; mrrMinor: number; lowMinor: number; highMinor: number }>;
}

export interface EngagementJson {
  members: ChangeJson;
  active: ChangeJson;
  idle: ChangeJson;
  dormant: ChangeJson;
  atRisk: ChangeJson & { source: 'churn-model' | 'no-predictions-yet' };
  averageScore: { now: number | null; previous: number | null; change: number | null };
  daily: Array<{ day: string; averageScore: number | null; members: number }>;
  /** 168 cells: weekday 1 (Monday) .. 7 x hour 0-23 of the company's zone; activity events counted. */
  heatmap: Array<{ weekday: number; hour: number; events: number }>;
  notes: string[];
}

export interface ContentItemJson {
  title: string;
  kind: string;
  views: number;
  uniqueViewers: number;
  completions: number;
  starters: number;
  completers: number;
  completionRate: number | null;
  avgSecondsToComplete: number | null;
  /** Courses: the lesson after which the largest share of starters went no further. */
  dropOff: { lesson: string; position: number; share: number } | null;
  /** Lifetime counts Whop reports (forum posts), as of the last sync; null when it reports none. */
  whop: { views: number | null; likes: number | null; comments: number | null } | null;
}

/** `types`: the content types that have data (the only ones offered as filters). */
export interface ContentJson {
  items: ContentItemJson[];
  totalItems: number;
  types: string[];
  notes: string[];
}

export interface ChurnJson {
  /** The scoring the figures come from (the latest by asOf); null before the model first ran. */
  scoredAt: string | null;
  model: string | null;
  scored: number;
  levels: { critical: number; high: number; medium: number; low: number };
  /** Members per 10-point probability bucket: [0-10%], (10-20%] ... (90-100%]. */
  buckets: number[];
  medianProbability: number | null;
  /** Among critical and high members: how many have each factor as their main one. */
  mainFactors: Array<{ factor: string; members: number }>;
  saved: { actioned: number; actionedStayed: number; saved: number | null; sentence: string };
  /** Among the same closed cases: members messaged through "Reach out" and how many stayed, against the others. */
  outreach: {
    reachedOut: number;
    reachedOutStayed: number;
    notReached: number;
    notReachedStayed: number;
    sentence: string;
  };
}

export interface MemberJson {
  member: { whopUserId: string; name: string | null; username: string | null; joinedAt: string | null };
  /** MRR of this customer at the end of the period's last day. */
  mrrMinor: number;
  /** Newest first; planMrrMinor is the plan's recurring price per month (0 for one-time and free plans). */
  memberships: Array<{ plan: string; status: string; startedAt: string; endedAt: string | null; planMrrMinor: number }>;
  /** Payments (paid or failed) dated in the period, oldest first. */
  payments: Array<{ day: string; amountMinor: number; status: 'paid' | 'failed'; refundedMinor: number }>;
  /** Everything paid up to asOf, minus refunds. */
  lifetimePaidMinor: number;
  /** Score on the period's last day and each day of the period (0 on days without a rollup row). */
  engagement: { score: number; lastActivityAt: string | null; daily: Array<{ day: string; score: number }> };
  churn: { scoredAt: string; probability: number; risk: string; factors: string[]; actions: string[] } | null;
}

/** One cohort's month k (docs/metrics.md#cohort-retention); retention null when the share has no denominator. */
export interface CohortCellJson {
  k: number;
  /** The month's last day, or the as-of day in the current month (`partial`). */
  measuredOn: string;
  partial: boolean;
  customers: number;
  mrrMinor: number;
  customerRetention: number | null;
  mrrRetention: number | null;
}

/** Monthly cohort retention as of the report's instant, oldest cohort first (customers by the month of their first MRR). */
export interface CohortsJson {
  rows: Array<{ cohort: string; customers: number; startMrrMinor: number; cells: CohortCellJson[] }>;
}

export interface ReportJson {
  version: 1;
  kind: ReportKind;
  title: string;
  company: { name: string; currency: string; timeZone: string; tier: CompanyTier };
  /** The instant the figures are as of (the company's last data refresh). */
  asOf: string;
  /** Today in the company's time zone at asOf. */
  asOfDay: string;
  /** `notice`: the tier's sentence when the period was cut to its history window (null otherwise). */
  period: { name: PeriodName; label: string; from: string; to: string; notice: string | null };
  expiresAt: string;
  revenue?: Section<RevenueJson>;
  forecast?: Section<ForecastJson>;
  cohorts?: Section<CohortsJson>;
  engagement?: Section<EngagementJson>;
  content?: Section<ContentJson>;
  churn?: ChurnJson;
  member?: Section<MemberJson>;
}
