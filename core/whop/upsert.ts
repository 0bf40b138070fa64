// One statement per batch and table: the rows arrive as column arrays (unnest), foreign keys are looked up from
// Whop ids in the same statement, and ON CONFLICT (company_id, whop_id) updates only when the incoming version is
// not older (guard) and something actually differs, so a re-run changes nothing and RETURNING counts real writes.
import type { Queryable } from '../db/queryable.ts';
import type { WriteCount } from './rows.ts';

export interface Input<R> {
  name: string;
  type: 'text' | 'timestamptz' | 'bigint' | 'int' | 'boolean' | 'real';
  get(r: R): unknown;
}

/**
 * A column computed from Whop ids; `sql` may use `i.<input>` and $1 (company id). With `sibling`, rows the same
 * statement inserts into that table count too (several tables written by one statement, see upsertMany).
 */
export interface Lookup {
  column: string;
  sql: string;
  required: boolean;
  sibling?: { table: string; key: string; input: string };
}

export interface TableWrite<R> {
  /** Prepared statement name (unique per statement text). */
  name: string;
  table: string;
  /** Identity within a batch: a batch must not touch one row twice. */
  key(r: R): string;
  inputs: Input<R>[];
  /** Inputs written as columns of the same name. */
  columns: string[];
  /** Columns computed from Whop ids; `sql` may use `i.<input>` and $1 (company id). */
  lookups: Lookup[];
  conflict: string;
  /** 'update': the guarded upsert; 'nothing': insert-only; else a custom SET/WHERE pair. */
  onConflict: 'update' | 'nothing' | { set: string; where: string };
  /** Extra condition for an update, e.g. `t.whop_updated_at is null or excluded.whop_updated_at >= t.whop_updated_at`. */
  guard?: string;
  /**
   * Whether a returned row `t` was inserted, for a partitioned table (PostgreSQL cannot return xmax from one): a
   * subquery of RETURNING reads the table as it was before the statement, so "no row with this key" means inserted.
   */
  inserted?: string;
}

const conflictKeys = (w: TableWrite<unknown>) =>
  (/\(([^)]*)\)/.exec(w.conflict)?.[1] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== 'company_id');

/** The CTE chain of one table's write inside a statement: input arrays from $first on, company id $1. */
function chain<R>(
  w: TableWrite<R>,
  tag: string,
  first: number,
  siblings: Map<string, string>,
  counted: boolean,
): { ctes: string; counts: string; skipped: string } {
  const params = w.inputs.map((inp, n) => `$${n + first}::${inp.type}[]`).join(', ');
  const names = w.inputs.map((inp) => inp.name).join(', ');
  const lookups = w.lookups
    .map((l) => {
      const other = l.sibling ? siblings.get(l.sibling.table) : undefined;
      const sql =
        other && l.sibling
          ? `coalesce((${l.sql}), (select s.id from up_${other} s where s.${l.sibling.key} = i.${l.sibling.input} limit 1))`
          : `(${l.sql})`;
      return `, ${sql} as ${l.column}`;
    })
    .join('');
  const written = [...w.columns, ...w.lookups.map((l) => l.column)];
  const required = w.lookups.filter((l) => l.required).map((l) => `${l.column} is not null`);
  const ok = required.length ? required.join(' and ') : 'true';
  let conflict: string;
  if (w.onConflict === 'nothing') conflict = 'do nothing';
  else if (w.onConflict === 'update') {
    const keys = new Set(conflictKeys(w as TableWrite<unknown>));
    const changed = written.filter((c) => !keys.has(c));
    conflict = `do update set ${changed.map((c) => `${c} = excluded.${c}`).join(', ')}
      where (${w.guard ?? 'true'}) and (${changed.map((c) => `t.${c}`).join(', ')}) is distinct from (${changed.map((c) => `excluded.${c}`).join(', ')})`;
  } else conflict = `do update set ${w.onConflict.set} where ${w.onConflict.where}`;
  // Without counts, RETURNING carries only what later tables' lookups read (for a partitioned table, `inserted` is a
  // subquery per row over every partition).
  const returning = [
    't.id',
    ...conflictKeys(w as TableWrite<unknown>).map((k) => `t.${k}`),
    ...(counted ? [`(${w.inserted ?? 'xmax = 0'}) as inserted`] : []),
  ].join(', ');
  return {
    ctes: `i_${tag} as (select * from unnest(${params}) as i(${names})),
r_${tag} as (select i.*${lookups} from i_${tag} as i),
up_${tag} as (insert into ${w.table} as t (company_id, ${written.join(', ')})
  select $1::bigint, ${written.join(', ')} from r_${tag} where ${ok}
  on conflict ${w.conflict} ${conflict}
  returning ${returning})`,
    counts: `(select count(*) from up_${tag} where inserted)::int as ${tag}_inserted, (select count(*) from up_${tag} where not inserted)::int as ${tag}_updated,
  (select count(*) from r_${tag} where not (${ok}))::int as ${tag}_skipped`,
    skipped: `exists (select from r_${tag} where not (${ok}))`,
  };
}

/**
 * A leading CTE of another kind in the same statement (the webhook inbox insert): its text takes its parameters
 * from $first on, and `select` adds columns to the statement's one result row.
 */
export interface Prelude {
  name: string;
  cte(first: number): string;
  values: unknown[];
  select: string;
}

/** How a multi-table statement reports (see upsertSql). */
export interface UpsertShape {
  /** Tables (indexes into the writes) that must write every row, else the statement aborts. */
  abortOnSkip?: number[];
  /** Count inserted / updated / skipped rows per table (default true). */
  counts?: boolean;
}

/**
 * One statement writing several tables, in order; a later table's lookups also see rows inserted by earlier ones.
 * Tables in `abortOnSkip` must write every row: when one of theirs lacks a required lookup, the statement raises
 * SQLSTATE PA001 (pulse_abort) and, run alone, leaves nothing behind. With `counts: false` nothing is counted (the
 * writes happen all the same: PostgreSQL runs every data-modifying CTE to completion, read or not).
 */
export function upsertSql(writes: Array<TableWrite<never>>, prelude?: Prelude, shape: UpsertShape = {}): string {
  const abortOnSkip = shape.abortOnSkip ?? [];
  const counted = shape.counts ?? true;
  const siblings = new Map<string, string>();
  let first = 2 + (prelude?.values.length ?? 0);
  const parts = writes.map((w, n) => {
    const tag = `p${n}`;
    const c = chain(w, tag, first, siblings, counted);
    siblings.set(w.table, tag);
    first += w.inputs.length;
    return c;
  });
  const ctes = [...(prelude ? [prelude.cte(2)] : []), ...parts.map((p) => p.ctes)];
  const aborts = abortOnSkip.map(
    (n) =>
      `case when ${parts[n]!.skipped} then pulse_abort('${writes[n]!.table}: a row whose parent is not stored yet') end as p${n}_abort`,
  );
  // $1 (the company) must appear even when no table is written (a batch of events Pulse only stores), or
  // PostgreSQL cannot type it.
  const selects = [
    ...(prelude ? [prelude.select] : []),
    ...(counted ? parts.map((p) => p.counts) : []),
    ...aborts,
    ...(parts.length ? [] : ['$1::bigint as company_id']),
  ];
  return `with ${ctes.join(',\n')}\nselect ${selects.join(',\n  ') || '1'}`;
}

const statements = new Map<string, string>();

/** Of two versions of one row, the one Whop updated last (the later in the batch when equal or unknown). */
function newest<R>(a: R, b: R): R {
  const ta = (a as { whopUpdatedAt?: string | null }).whopUpdatedAt;
  const tb = (b as { whopUpdatedAt?: string | null }).whopUpdatedAt;
  return ta && tb && Date.parse(ta) > Date.parse(tb) ? a : b;
}

function dedupe<R>(w: TableWrite<R>, batch: R[]): R[] {
  const byKey = new Map<string, R>();
  for (const r of batch) {
    const k = w.key(r);
    const seen = byKey.get(k);
    byKey.set(k, seen === undefined ? r : newest(seen, r));
  }
  return [...byKey.values()];
}

/** A table's write and its rows, for upsertMany. */
export interface WritePart<R> {
  write: TableWrite<R>;
  rows: R[];
}
export const part = <R>(write: TableWrite<R>, rows: R[]): WritePart<never> =>
  ({ write, rows }) as unknown as WritePart<never>;

/** Write several tables of one company in one statement (one round trip), in the order given; counts per part. */
export async function upsertMany(
  db: Queryable,
  companyId: number,
  parts: Array<WritePart<never>>,
): Promise<WriteCount[]> {
  return (await upsertManyWith(db, companyId, undefined, parts)).counts;
}

/**
 * upsertMany with a leading CTE (see Prelude); also returns the statement's result row. `shape.abortOnSkip` lists
 * parts (indexes into `parts`) that must write every row, else the statement fails (pulse_abort, SQLSTATE PA001); with
 * `shape.counts: false` the counts returned are all zero (not measured).
 */
export async function upsertManyWith(
  db: Queryable,
  companyId: number,
  prelude: Prelude | undefined,
  parts: Array<WritePart<never>>,
  shape: UpsertShape = {},
): Promise<{ counts: WriteCount[]; row: Record<string, unknown> }> {
  const abortOnSkip = shape.abortOnSkip ?? [];
  const counted = shape.counts ?? true;
  const live = parts
    .map((p, n) => ({ n, write: p.write, rows: dedupe(p.write, p.rows) }))
    .filter((p) => p.rows.length > 0);
  const aborting = live.flatMap((p, k) => (abortOnSkip.includes(p.n) ? [k] : []));
  const counts: WriteCount[] = parts.map(() => ({ inserted: 0, updated: 0, skipped: 0 }));
  if (live.length === 0 && !prelude) return { counts, row: {} };
  const name = [
    ...(prelude ? [prelude.name] : []),
    ...live.map((p, k) => `${p.write.name}${aborting.includes(k) ? '!' : ''}`),
    ...(counted ? [] : ['#']),
  ].join('+');
  let text = statements.get(name);
  if (!text)
    statements.set(
      name,
      (text = upsertSql(
        live.map((p) => p.write),
        prelude,
        { abortOnSkip: aborting, counts: counted },
      )),
    );
  const values: unknown[] = [companyId, ...(prelude?.values ?? [])];
  for (const p of live) for (const inp of p.write.inputs) values.push(p.rows.map((r) => inp.get(r) ?? null));
  const { rows } = await db.query<Record<string, unknown>>({
    name: name.length <= 63 ? name : `whop_${name.length}_${hash(name)}`,
    text,
    values,
  });
  const row = rows[0]!;
  if (!counted) return { counts, row };
  live.forEach((p, k) => {
    counts[p.n] = {
      inserted: row[`p${k}_inserted`] as number,
      updated: row[`p${k}_updated`] as number,
      skipped: row[`p${k}_skipped`] as number,
    };
  });
  return { counts, row };
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** Write one table's batch (deduplicated by key, the newest version wins) and count what changed. */
export async function upsert<R>(db: Queryable, w: TableWrite<R>, companyId: number, batch: R[]): Promise<WriteCount> {
  const [count] = await upsertMany(db, companyId, [part(w, batch)]);
  return count!;
}
