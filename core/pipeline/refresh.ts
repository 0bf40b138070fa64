// After new data (a sync, the nightly job): rebuild what the answers read, in dependency order —
// revenue spans (customers) -> engagement (counted members come from revenue) -> content -> churn scores.
import type { Queryable } from '../db/queryable.ts';
import { addDays, daysBetween, localDay } from '../period.ts';
import { rebuildRevenueRollup } from '../revenue/index.ts';
import { rollupEngagement } from '../engagement/engagement-rollup.ts';
import { rollupContent } from '../content/content-rollup.ts';
import { nightlyChurn } from '../churn/nightly.service.ts';
import { analyzeWritten, type WrittenTables } from '../db/analyze.ts';

export interface RefreshStep {
  step: 'revenue' | 'engagement' | 'content' | 'statistics' | 'churn';
  ms: number;
  detail: string;
}

/** The tables each rollup step rewrites, analyzed after a large change (core/db/analyze.ts). */
export const rollupTableGroups = {
  revenue: {
    main: 'customer_mrr_spans',
    tables: [
      'customer_mrr_spans',
      'revenue_daily',
      'payment_failures_daily',
      'membership_mrr_spans',
      'membership_mrr_movements',
      'revenue_segment_daily',
    ],
  },
  engagement: { main: 'engagement_daily', tables: ['engagement_daily', 'engagement_company_daily', 'activity_slots'] },
  content: { main: 'content_daily', tables: ['content_daily', 'content_progress'] },
} as const;

export interface RefreshOptions {
  asOf: Date;
  /** Days of engagement rollup ending at asOf's local day (the answers read at most 365); default 90. */
  engagementDays?: number;
  /** First day of the engagement rollup (instead of `engagementDays`): an incremental refresh's changed days. */
  engagementFrom?: string;
  /** First day of content history to roll up (content rollups cover the whole history by default). */
  contentFrom?: string;
  /** Score churn after the rollups (default true); the 15-minute sync leaves scoring to the nightly job. */
  churn?: boolean;
  onStep?(s: RefreshStep): void;
}

export async function refreshCompany(db: Queryable, companyId: number, opts: RefreshOptions): Promise<RefreshStep[]> {
  const steps: RefreshStep[] = [];
  const run = async (step: RefreshStep['step'], fn: () => Promise<string>) => {
    const t = performance.now();
    const detail = await fn();
    const s = { step, ms: performance.now() - t, detail };
    steps.push(s);
    opts.onStep?.(s);
  };
  const written: WrittenTables[] = [];
  const wrote = (group: keyof typeof rollupTableGroups, rows: number) =>
    written.push({ ...rollupTableGroups[group], written: rows });
  const tz =
    (await db.query<{ time_zone: string }>('select time_zone from companies where id = $1', [companyId])).rows[0]
      ?.time_zone ?? 'UTC';
  const today = localDay(opts.asOf, tz);
  await run('revenue', async () => {
    const { spans } = await rebuildRevenueRollup(db, companyId, opts.asOf);
    wrote('revenue', spans);
    return `${spans} customer MRR spans`;
  });
  await run('engagement', async () => {
    const from = opts.engagementFrom ?? addDays(today, -((opts.engagementDays ?? 90) - 1));
    const first = from < today ? from : today;
    const r = await rollupEngagement(db, companyId, first, today);
    wrote('engagement', r.rows);
    return `${r.rows} member-days over ${daysBetween(first, today) + 1} days`;
  });
  await run('content', async () => {
    const first = (
      await db.query<{ d: string | null }>(
        `select to_char(min(occurred_at) at time zone $2, 'YYYY-MM-DD') as d from activity_events where company_id = $1`,
        [companyId, tz],
      )
    ).rows[0]?.d;
    const from = opts.contentFrom ?? first ?? today;
    const r = await rollupContent(db, companyId, from < today ? from : today, today);
    wrote('content', r.rows);
    return `${r.rows} item-days`;
  });
  await run('statistics', async () => {
    const analyzed = await analyzeWritten(db, written);
    return analyzed.length ? `analyzed ${analyzed.join(', ')}` : 'statistics current';
  });
  if (opts.churn === false) return steps;
  await run('churn', async () => {
    // Never "not scored": the scoring chain ends with the rule-based score (core/churn/model-sources.ts).
    const r = await nightlyChurn(db, companyId, { asOf: opts.asOf });
    return `${r.scores.members.length} members scored; ${r.scores.model.sentence}`;
  });
  return steps;
}
