// Monthly cohort retention (docs/metrics.md#cohort-retention): customers grouped by the month of their first
// MRR; cell (cohort, k) = the share of the cohort's customers (and of its starting MRR) with MRR at the end
// of the k-th month after (k = 0 is the cohort's own month), measured on the as-of day for the current
// month. Pure: shapes counts into tables.
import { ratio, type Figure } from '../revenue/figure.ts';
import { addDays, addMonths, type Day } from '../period.ts';

export interface CohortStart {
  /** First day of the cohort's month. */
  cohort: Day;
  customers: number;
  /** Sum of the customers' first MRR. */
  startMrrMinor: number;
}

export interface CohortHeld {
  cohort: Day;
  /** First day of the month measured. */
  month: Day;
  customers: number;
  mrrMinor: number;
}

export interface CohortCell {
  k: number;
  /** The day measured: the month's last day, or the as-of day in the current month. */
  measuredOn: Day;
  partial: boolean;
  customers: number;
  mrrMinor: number;
  customerRetention: Figure;
  mrrRetention: Figure;
}

export interface CohortRow extends CohortStart {
  cells: CohortCell[];
}

export interface CohortTables {
  asOfDay: Day;
  rows: CohortRow[];
}

export function cohortTables(starts: readonly CohortStart[], held: readonly CohortHeld[], asOfDay: Day): CohortTables {
  const byCell = new Map(held.map((h) => [`${h.cohort}|${h.month}`, h]));
  const lastMonth = `${asOfDay.slice(0, 7)}-01`;
  const rows = [...starts]
    .sort((a, b) => (a.cohort < b.cohort ? -1 : 1))
    .map((start) => {
      const cells: CohortCell[] = [];
      for (let k = 0, month = start.cohort; month <= lastMonth; k++, month = addMonths(start.cohort, k)) {
        const monthEnd = addDays(addMonths(month, 1), -1);
        const partial = monthEnd > asOfDay;
        const h = byCell.get(`${start.cohort}|${month}`);
        const customers = h?.customers ?? 0;
        const mrrMinor = h?.mrrMinor ?? 0;
        cells.push({
          k,
          measuredOn: partial ? asOfDay : monthEnd,
          partial,
          customers,
          mrrMinor,
          customerRetention: ratio(customers, start.customers, 'an empty cohort'),
          mrrRetention: ratio(mrrMinor, start.startMrrMinor, 'a cohort without starting MRR'),
        });
      }
      return { ...start, cells };
    });
  return { asOfDay, rows };
}
