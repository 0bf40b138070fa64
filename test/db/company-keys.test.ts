// The schema can be distributed by company (docs/data-model.md#keys-and-distribution), checked over the migrated
// test database's catalog: every company-owned table (a table with company_id, not listed below) has company_id in
// its primary key and in every unique index, and each of its foreign keys points at companies, at a global table,
// or at another company-owned table through company_id on both sides. Global tables reference only global tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { globalTables } from '../helpers/global-tables.ts';

interface Fk {
  table: string;
  name: string;
  target: string;
  cols: string[];
  targetCols: string[];
  /** On delete cascade, and every referencing column NOT NULL: the row goes when its target does. */
  cascades: boolean;
}

/**
 * Company-owned tables with no foreign key at all, and why their rows still go with their company: they are written
 * only under the company's engagement rollup lock, which both erasures take before deleting their rows by name
 * (test/lifecycle/erase-rollup-lock.test.ts writes one while an erase waits).
 */
const erasedUnderLock: Record<string, string> = {
  engagement_daily:
    'derived from activity_events by the rollup alone; checking its member reference on every inserted row was 5.8 s of a 61-day rebuild at 100,000 members',
};

/**
 * Company-owned tables whose rows do not go with their company through foreign keys: each either has a cascading
 * reference to companies, or a cascading reference with NOT NULL columns to a table that does (transitively).
 */
function unanchored(owned: string[], fks: Fk[]): string[] {
  const anchored = new Set(['companies']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const fk of fks)
      if (fk.cascades && anchored.has(fk.target) && !anchored.has(fk.table)) {
        anchored.add(fk.table);
        grew = true;
      }
  }
  return owned.filter((t) => !anchored.has(t));
}

function badPrimaryKeys(owned: string[], pks: Map<string, string[][]>): string[] {
  return owned
    .filter((t) => pks.get(t)?.[0]?.[0] !== 'company_id')
    .map((t) => `${t}: ${JSON.stringify(pks.get(t) ?? null)}`);
}

function badUniques(owned: string[], uniques: Map<string, string[][]>): string[] {
  return owned.flatMap((t) =>
    (uniques.get(t) ?? []).filter((cols) => !cols.includes('company_id')).map((cols) => `${t} (${cols.join(', ')})`),
  );
}

function badForeignKeys(fks: Fk[]): string[] {
  return fks
    .filter((fk) => {
      if (globalTables[fk.target] !== undefined) return false;
      if (globalTables[fk.table] !== undefined) return true; // a global table may not point into a company's rows
      const i = fk.cols.indexOf('company_id');
      return i < 0 || fk.targetCols[i] !== 'company_id';
    })
    .map((fk) => `${fk.name}: ${fk.table} (${fk.cols.join(', ')}) -> ${fk.target} (${fk.targetCols.join(', ')})`);
}

describe('keys that let the schema be distributed by company', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let owned: string[];
  let tables: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // Partitions follow their parent's keys; the parent is what is checked.
    tables = (
      await client.query<{
        t: string;
      }>(`select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`)
    ).rows.map((r) => r.t);
    const withCompany = new Set(
      (
        await client.query<{ t: string }>(`select table_name as t from information_schema.columns
      where table_schema = 'public' and column_name = 'company_id'`)
      ).rows.map((r) => r.t),
    );
    owned = tables.filter((t) => withCompany.has(t) && !(t in globalTables));
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  async function keyColumns(kind: 'primary' | 'unique'): Promise<Map<string, string[][]>> {
    const { rows } = await client.query<{ t: string; cols: string[] }>(`select c.relname as t,
        array(select a.attname::text from unnest(i.indkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n order by k.o) as cols
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and not c.relispartition and ${kind === 'primary' ? 'i.indisprimary' : 'i.indisunique'}`);
    const byTable = new Map<string, string[][]>();
    for (const r of rows) byTable.set(r.t, [...(byTable.get(r.t) ?? []), r.cols]);
    return byTable;
  }

  async function foreignKeys(): Promise<Fk[]> {
    const { rows } = await client.query<{
      t: string;
      name: string;
      target: string;
      cols: string[];
      target_cols: string[];
      cascades: boolean;
    }>(`select
        c.relname as t, con.conname as name, r.relname as target,
        array(select a.attname::text from unnest(con.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o) as cols,
        array(select a.attname::text from unnest(con.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o) as target_cols,
        con.confdeltype = 'c' and not exists (select 1 from unnest(con.conkey) k(n) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n where not a.attnotnull) as cascades
      from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class r on r.oid = con.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where con.contype = 'f' and n.nspname = 'public' and not c.relispartition and con.conparentid = 0`);
    return rows.map((r) => ({
      table: r.t,
      name: r.name,
      target: r.target,
      cols: r.cols,
      targetCols: r.target_cols,
      cascades: r.cascades,
    }));
  }

  it('knows the company-owned tables, and every exemption names a table that exists', () => {
    expect(owned).toEqual(
      expect.arrayContaining(['activity_events', 'members', 'memberships', 'payments', 'engagement_daily']),
    );
    expect(owned).not.toContain('companies');
    for (const t of Object.keys(globalTables)) expect(tables, `exempt table ${t}`).toContain(t);
  });

  it('every company-owned table has company_id first in its primary key', async () => {
    expect(badPrimaryKeys(owned, await keyColumns('primary'))).toEqual([]);
  });

  it('every unique index of a company-owned table includes company_id', async () => {
    expect(badUniques(owned, await keyColumns('unique'))).toEqual([]);
  });

  it('foreign keys stay within one company, or point at companies or a global table', async () => {
    expect(badForeignKeys(await foreignKeys())).toEqual([]);
  });

  it('every company-owned row goes with its company: cascading references reach companies from every table', async () => {
    const fks = await foreignKeys();
    expect(unanchored(owned, fks)).toEqual(Object.keys(erasedUnderLock));
    // Those have no reference at all (a half-anchored one would be a mistake), and are company-owned tables.
    for (const t of Object.keys(erasedUnderLock)) {
      expect(owned).toContain(t);
      expect(fks.filter((fk) => fk.table === t)).toEqual([]);
    }
    // The other rollups keyed by member reach companies through members only (no foreign key of their own).
    for (const t of ['customer_mrr_spans', 'content_progress', 'churn_predictions'])
      expect(fks.filter((fk) => fk.table === t && fk.target === 'companies')).toEqual([]);
  });

  it('would catch a table keyed by a global id, a unique without company_id and a bare reference (not vacuous)', async () => {
    await client.query('begin');
    try {
      await client.query(
        'create table probe_notes (id bigserial primary key, company_id bigint not null references companies (id), member_id bigint, label text)',
      );
      await client.query('create unique index probe_notes_label_unique on probe_notes (label)');
      await client.query('alter table members add constraint members_id_probe unique (id)');
      await client.query(
        'alter table probe_notes add constraint probe_notes_member_foreign foreign key (member_id) references members (id)',
      );
      const probed = [...owned, 'probe_notes'];
      expect(badPrimaryKeys(probed, await keyColumns('primary'))).toEqual(['probe_notes: [["id"]]']);
      expect(badUniques(probed, await keyColumns('unique'))).toEqual(
        expect.arrayContaining(['probe_notes (label)', 'probe_notes (id)', 'members (id)']),
      );
      expect(badForeignKeys(await foreignKeys())).toEqual([
        'probe_notes_member_foreign: probe_notes (member_id) -> members (id)',
      ]);
      // Its company reference does not cascade, and its member reference may be null: its rows would outlive the company.
      expect(unanchored(probed, await foreignKeys())).toEqual([...Object.keys(erasedUnderLock), 'probe_notes']);
    } finally {
      await client.query('rollback');
    }
  });
});
