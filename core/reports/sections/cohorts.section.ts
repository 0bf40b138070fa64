// The cohort retention section of the revenue report: core/cohorts' monthly table as of the report's instant
// (every cohort month the tier's history window shows, not only the report's period: retention is read across
// months), reshaped into report JSON.
import { cohortRetention } from '../../cohorts/cohorts.service.ts';
import type { Queryable } from '../../db/queryable.ts';
import type { Figure } from '../../revenue/figure.ts';
import type { CohortsJson, Section } from '../report-json.ts';

const share = (f: Figure): number | null => (f.available ? f.value : null);

export async function cohortsSection(db: Queryable, companyId: number, asOf: Date): Promise<Section<CohortsJson>> {
  const result = await cohortRetention(db, companyId, { asOf });
  if (!result.ok) return { ok: false, notice: result.limit.message };
  return {
    ok: true,
    rows: result.value.rows.map((r) => ({
      cohort: r.cohort,
      customers: r.customers,
      startMrrMinor: r.startMrrMinor,
      cells: r.cells.map((c) => ({
        k: c.k,
        measuredOn: c.measuredOn,
        partial: c.partial,
        customers: c.customers,
        mrrMinor: c.mrrMinor,
        customerRetention: share(c.customerRetention),
        mrrRetention: share(c.mrrRetention),
      })),
    })),
  };
}
