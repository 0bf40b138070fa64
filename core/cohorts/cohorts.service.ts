// Monthly cohort retention by customers and by MRR, as of an instant, from the revenue rollup.
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import { addMonths, isMonthStart, localDay, monthStart, parseDay, type Day } from '../period.ts';
import { companyById } from '../companies/company.repository.ts';
import { readLockedRevenueRollup, readRollupState } from '../revenue/rollup.repository.ts';
import { earliestQueryableDay, historyLimit, type Limited } from '../tiers/tier-limits.ts';
import { cohortTables, type CohortTables } from './cohort-tables.ts';
import { cohortCounts } from './cohorts.repository.ts';

export interface CohortQuery {
  asOf: Date;
  /** First cohort month (a month's first day); default: the first month with MRR the tier lets the company see. */
  from?: Day;
  /** First month after the last cohort (exclusive); default: the month after asOf's. */
  to?: Day;
  enforceTier?: boolean;
}

export async function cohortRetention(
  db: Queryable,
  companyId: number,
  q: CohortQuery,
): Promise<Limited<CohortTables>> {
  if (!(q.asOf instanceof Date) || Number.isNaN(q.asOf.getTime())) throw new BadInput('asOf must be a valid instant');
  const company = await companyById(db, companyId);
  const asOfDay = localDay(q.asOf, company.timeZone);
  const enforce = q.enforceTier !== false;
  const earliest = enforce ? earliestQueryableDay(company.tier, asOfDay) : '0001-01-01';
  return readLockedRevenueRollup(db, companyId, q.asOf, async (tx) => {
    const state = await readRollupState(tx, companyId);
    const firstAllowed = isMonthStart(earliest) ? earliest : addMonths(earliest, 1);
    const from =
      q.from !== undefined
        ? monthArgument(q.from, 'from')
        : maxDay(state?.firstDay ? monthStart(state.firstDay) : firstAllowed, firstAllowed);
    const to = q.to !== undefined ? monthArgument(q.to, 'to') : addMonths(asOfDay, 1);
    const limit = enforce ? historyLimit(company.tier, asOfDay, from) : null;
    if (limit) return { ok: false, limit };
    if (from >= to) return { ok: true, value: { asOfDay, rows: [] } };
    const { starts, held } = await cohortCounts(tx, companyId, from, to, asOfDay);
    return { ok: true, value: cohortTables(starts, held, asOfDay) };
  });
}

function monthArgument(day: string, what: string): Day {
  const parsed = parseDay(day, what);
  if (!isMonthStart(parsed)) throw new BadInput(`${what} must be the first day of a month, not ${day}`);
  return parsed;
}

const maxDay = (a: Day, b: Day): Day => (a > b ? a : b);
