// The rollups a sync job rebuilds: core/pipeline/refresh.ts's revenue -> engagement -> content (-> statistics)
// steps WITHOUT its churn step (members are scored once a night by churn:nightly: scoring at every
// 15-minute sync would store every member's prediction 96 times a day), and over the days that can have
// changed rather than 90 every time (engagement for 61 days of a 100k-member company took 98 s): from the
// day before the last rolled-up day to today, at least the last 31 days for the nightly reconcile (late
// changes inside the 30-day activity windows), 90 days when the company has no rollup yet.
import type { Queryable } from '../../core/db/queryable.ts';
import { refreshCompany, type RefreshStep } from '../../core/pipeline/refresh.ts';
import { rollupWindowFacts } from '../../core/pipeline/rollup-window.repository.ts';
import { addDays, localDay } from '../../core/period.ts';

export const FIRST_ROLLUP_DAYS = 90;
export const RECONCILE_ROLLUP_DAYS = 31;

export type RollupStep = RefreshStep;

export async function refreshRollups(
  db: Queryable,
  companyId: number,
  opts: { asOf: Date; mode: 'incremental' | 'full'; onStep?(s: RollupStep): void },
): Promise<RollupStep[]> {
  const c = await rollupWindowFacts(db, companyId);
  if (!c) return [];
  const today = localDay(opts.asOf, c.timeZone);
  const earliest = addDays(today, -(FIRST_ROLLUP_DAYS - 1));
  let from = c.lastRolledUp === null ? earliest : addDays(c.lastRolledUp < today ? c.lastRolledUp : today, -1);
  if (opts.mode === 'full')
    from = from < addDays(today, -(RECONCILE_ROLLUP_DAYS - 1)) ? from : addDays(today, -(RECONCILE_ROLLUP_DAYS - 1));
  if (from < earliest) from = earliest;
  // Content progress is all-time: the first rollup covers the whole history, later ones the same days as engagement.
  const contentFrom = c.lastRolledUp === null ? (c.firstEventDay ?? today) : from;
  return refreshCompany(db, companyId, {
    asOf: opts.asOf,
    engagementFrom: from,
    contentFrom,
    churn: false,
    onStep: opts.onStep,
  });
}
