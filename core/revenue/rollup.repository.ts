// Rebuilding and reading the state of a company's revenue rollup (membership_mrr_spans, customer_mrr_spans,
// revenue_daily, membership_mrr_movements, revenue_segment_daily, payment_failures_daily).
// A rebuild replaces the company's rows in one transaction under a per-company advisory lock, so readers
// see the old rollup or the new one, and two rebuilds take turns.
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import { companyById } from '../companies/company.repository.ts';
import { insertMembershipMovementsSql, insertSegmentDailySql } from './membership-rollup-sql.ts';
import {
  insertCustomerSpansSql,
  insertMembershipSpansSql,
  insertPaymentFailuresDailySql,
  insertRevenueDailySql,
} from './rollup-sql.ts';
import { inTransaction } from '../db/transaction.ts';

/** The tables a rebuild replaces, each keyed by company_id. */
export const rollupTables = [
  'membership_mrr_spans',
  'customer_mrr_spans',
  'revenue_daily',
  'membership_mrr_movements',
  'revenue_segment_daily',
  'payment_failures_daily',
] as const;

/** Advisory lock class for revenue rollups (the second key is the company id). */
const ROLLUP_LOCK_CLASS = 7_317_843;

export interface RollupState {
  companyId: number;
  asOf: Date;
  builtAt: Date;
  firstDay: string | null;
  lastDay: string;
  spans: number;
  buildMs: number;
}

interface StateRow extends Record<string, unknown> {
  company_id: string;
  as_of: Date;
  built_at: Date;
  first_day: string | null;
  last_day: string;
  spans: number;
  build_ms: number;
}

const stateColumns = `company_id, as_of, built_at, to_char(first_day, 'YYYY-MM-DD') as first_day,
  to_char(last_day, 'YYYY-MM-DD') as last_day, spans, build_ms`;

function toState(row: StateRow): RollupState {
  return {
    companyId: Number(row.company_id),
    asOf: row.as_of,
    builtAt: row.built_at,
    firstDay: row.first_day,
    lastDay: row.last_day,
    spans: row.spans,
    buildMs: row.build_ms,
  };
}

export async function readRollupState(db: Queryable, companyId: number): Promise<RollupState | null> {
  const { rows } = await db.query<StateRow>(`select ${stateColumns} from revenue_rollups where company_id = $1`, [
    companyId,
  ]);
  return rows[0] ? toState(rows[0]) : null;
}

/**
 * Recompute the company's revenue history as of `asOf` from payments, memberships, plans and refunds.
 * With `onlyIfStale`, a rollup already as of `asOf` when the lock is taken is kept (two callers, one rebuild).
 */
export async function rebuildRevenueRollup(
  db: Queryable,
  companyId: number,
  asOf: Date,
  opts: { onlyIfStale?: boolean } = {},
): Promise<RollupState> {
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new BadInput('asOf must be a valid instant');
  await companyById(db, companyId);
  return inTransaction(db, (tx) => rebuildLocked(tx, companyId, asOf, opts));
}

/**
 * Read the rollup as of `asOf` inside one transaction that holds the company's rollup lock (rebuilding it
 * first when stale): nobody can replace it while `read` runs.
 */
export async function readLockedRevenueRollup<T>(
  db: Queryable,
  companyId: number,
  asOf: Date,
  read: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    await rebuildLocked(tx, companyId, asOf, { onlyIfStale: true });
    return read(tx);
  });
}

async function rebuildLocked(
  tx: Queryable,
  companyId: number,
  asOf: Date,
  opts: { onlyIfStale?: boolean },
): Promise<RollupState> {
  const started = performance.now();
  await tx.query('select pg_advisory_xact_lock($1, ($2::bigint % 2147483647)::int)', [ROLLUP_LOCK_CLASS, companyId]);
  if (opts.onlyIfStale) {
    const current = await readRollupState(tx, companyId);
    if (current && current.asOf.getTime() === asOf.getTime()) return current;
  }
  await tx.query(`set local work_mem = '64MB'`);
  for (const table of rollupTables) await tx.query(`delete from ${table} where company_id = $1`, [companyId]);
  await tx.query(insertMembershipSpansSql, [companyId, asOf]);
  await tx.query(insertCustomerSpansSql, [companyId]);
  await tx.query(insertRevenueDailySql, [companyId, asOf]);
  await tx.query(insertMembershipMovementsSql, [companyId]);
  await tx.query(insertSegmentDailySql, [companyId]);
  await tx.query(insertPaymentFailuresDailySql, [companyId, asOf]);
  const buildMs = Math.round(performance.now() - started);
  const { rows } = await tx.query<StateRow>(
    `insert into revenue_rollups (company_id, as_of, built_at, first_day, last_day, spans, build_ms)
     select c.id, $2, clock_timestamp(), (select min(day) from revenue_daily where company_id = $1),
       ($2::timestamptz at time zone c.time_zone)::date, (select count(*) from customer_mrr_spans where company_id = $1), $3
     from companies c where c.id = $1
     on conflict (company_id) do update set as_of = excluded.as_of, built_at = excluded.built_at,
       first_day = excluded.first_day, last_day = excluded.last_day, spans = excluded.spans, build_ms = excluded.build_ms
     returning ${stateColumns}`,
    [companyId, asOf, buildMs],
  );
  return toState(rows[0]!);
}

/** The rollup as of exactly `asOf`, rebuilt first when it is missing or as of another instant. */
export async function ensureRevenueRollup(
  db: Queryable,
  companyId: number,
  asOf: Date,
  opts: { rebuild?: boolean } = {},
): Promise<RollupState> {
  const state = await readRollupState(db, companyId);
  if (!opts.rebuild && state && state.asOf.getTime() === asOf.getTime()) return state;
  return rebuildRevenueRollup(db, companyId, asOf, { onlyIfStale: !opts.rebuild });
}
