// Deleting every row a company owns. The tables are read from the schema at run time (every base table with a
// company_id or whop_company_id column), so a table added later cannot be forgotten; they are emptied children
// first in batches (a 100,000-member community is millions of rows: no single huge transaction, and a run
// killed half-way resumes), then its Agenda jobs, then, in one short transaction that first re-checks the
// erase is still due (a reinstall cancels it), whatever arrived meanwhile and the company row itself.
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import { lockEngagementRollup } from '../engagement/engagement-rollup.ts';

export interface OwnedTable {
  table: string;
  column: 'company_id' | 'whop_company_id';
}

interface Edge extends Record<string, unknown> {
  child: string;
  parent: string;
}

/** Tables holding a company's rows, ordered so a table comes before the tables it references. */
export async function companyOwnedTables(db: Queryable): Promise<OwnedTable[]> {
  const { rows } = await db.query<{ table_name: string; column_name: 'company_id' | 'whop_company_id' }>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = current_schema() and c.column_name in ('company_id', 'whop_company_id') and c.table_name <> 'companies'
     order by c.table_name, c.column_name`,
  );
  const { rows: edges } = await db.query<Edge>(
    `select con.conrelid::regclass::text as child, con.confrelid::regclass::text as parent from pg_constraint con
     where con.contype = 'f' and con.connamespace = current_schema()::regnamespace and con.conrelid <> con.confrelid`,
  );
  const names = [...new Set(rows.map((r) => r.table_name))];
  const ordered: string[] = [];
  const left = new Set(names);
  // Kahn's order: take a table no remaining table references; a cycle (none today) falls back to name order.
  while (left.size > 0) {
    const next =
      [...left].find((t) => !edges.some((e) => e.parent === t && e.child !== t && left.has(e.child))) ?? [...left][0]!;
    ordered.push(next);
    left.delete(next);
  }
  return ordered.flatMap((t) =>
    rows.filter((r) => r.table_name === t).map((r) => ({ table: t, column: r.column_name })),
  );
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function deleteInBatches(db: Queryable, t: OwnedTable, value: string, batch: number): Promise<number> {
  let total = 0;
  const sql = `delete from ${ident(t.table)} where ctid = any(array(select ctid from ${ident(t.table)} where ${ident(t.column)} = $1 limit ${batch}))`;
  for (;;) {
    const res = (await db.query(sql, [value])) as { rows: unknown[]; rowCount?: number | null };
    const n = res.rowCount ?? 0;
    total += n;
    if (n < batch) return total;
  }
}

async function deleteAgendaJobs(db: Queryable, companyId: number): Promise<number> {
  const { rows } = await db.query<{ jobs: boolean; logs: boolean }>(
    `select to_regclass('agenda_jobs') is not null as jobs, to_regclass('agenda_logs') is not null as logs`,
  );
  if (!rows[0]?.jobs) return 0;
  if (rows[0].logs) {
    await db.query(
      `delete from agenda_logs where job_id in (select id::text from agenda_jobs where data->>'companyId' = $1)`,
      [String(companyId)],
    );
  }
  const res = (await db.query(`delete from agenda_jobs where data->>'companyId' = $1`, [String(companyId)])) as {
    rowCount?: number | null;
  };
  return res.rowCount ?? 0;
}

export interface EraseReport {
  companyId: number;
  whopCompanyId: string | null;
  /** `not-due`: no erase is due (nothing deleted); `cancelled`: reinstalled while the batches ran. */
  outcome: 'erased' | 'not-due' | 'cancelled' | 'missing';
  /** Rows deleted per table (`table` or `table.whop_company_id`), the Agenda jobs as `agenda_jobs`. */
  deleted: Record<string, number>;
}

export interface EraseOptions {
  now: Date;
  /** Rows per delete statement. */
  batch?: number;
  /** Erase even if no erase is due (tests, and `pulse company erase --now` which has just made it due). */
  force?: boolean;
}

/** Deletes every row of a company whose erase is due (or `force`), the company row last. */
export async function eraseCompany(
  db: Queryable & { connect(): Promise<Queryable & { release(): void }> },
  companyId: number,
  o: EraseOptions,
): Promise<EraseReport> {
  const { rows } = await db.query<{ whop_company_id: string; due: boolean }>(
    'select whop_company_id, coalesce(erase_after <= $2, false) as due from companies where id = $1',
    [companyId, o.now],
  );
  const company = rows[0];
  if (!company) return { companyId, whopCompanyId: null, outcome: 'missing', deleted: {} };
  const report: EraseReport = { companyId, whopCompanyId: company.whop_company_id, outcome: 'not-due', deleted: {} };
  if (!company.due && !o.force) return report;
  const tables = await companyOwnedTables(db);
  const valueOf = (t: OwnedTable) => (t.column === 'company_id' ? String(companyId) : company.whop_company_id);
  const keyOf = (t: OwnedTable) => (t.column === 'company_id' ? t.table : `${t.table}.${t.column}`);
  const count = (t: OwnedTable, n: number) => void (report.deleted[keyOf(t)] = (report.deleted[keyOf(t)] ?? 0) + n);
  for (const t of tables) count(t, await deleteInBatches(db, t, valueOf(t), o.batch ?? 5000));
  report.deleted.agenda_jobs = await deleteAgendaJobs(db, companyId);
  return inTransaction(db, async (tx) => {
    // First: a rollup running now finishes, and none writes after this (engagement_daily has no foreign key).
    await lockEngagementRollup(tx, companyId);
    const {
      rows: [still],
    } = await tx.query<{ due: boolean }>(
      'select coalesce(erase_after <= $2, false) as due from companies where id = $1 for update',
      [companyId, o.now],
    );
    if (!still || (!still.due && !o.force)) return { ...report, outcome: 'cancelled' };
    // Whatever a webhook or a late job wrote while the batches ran, then the row itself.
    for (const t of tables) {
      const res = (await tx.query(`delete from ${ident(t.table)} where ${ident(t.column)} = $1`, [valueOf(t)])) as {
        rowCount?: number | null;
      };
      count(t, res.rowCount ?? 0);
    }
    await tx.query('delete from companies where id = $1', [companyId]);
    report.outcome = 'erased';
    return report;
  });
}
