// Migration20261207100000_engagement_daily_by_day on a database that already holds engagement rows in the former
// layout (primary key company_id, member_id, day; covering index by day; reference to members): the rows stay, the
// key becomes (company_id, day, member_id), the index and the reference go. And on a database where the operator
// built the new key beforehand (docs/scaling.md#engagement_daily-keyed-by-day): the migration keeps that key.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateUp } from '../../core/db/migrate.ts';
import { openOrm } from '../../core/db/orm.ts';
import { createEmptyDatabase, type TestDatabase } from '../helpers/db.ts';

const previous = 'Migration20261207090000_implied_company_keys';
const rowsSql = `select company_id::int, member_id::int, to_char(day, 'YYYY-MM-DD') as day, score
  from engagement_daily order by company_id, member_id, day`;

let db: TestDatabase | undefined;
let client: pg.Client | undefined;
afterEach(async () => {
  await client?.end();
  client = undefined;
  await db?.drop();
  db = undefined;
});

/** A database migrated up to the layout before the change, holding two members' rows on three days. */
async function formerLayout(): Promise<pg.Client> {
  db = await createEmptyDatabase();
  const orm = await openOrm(db.url);
  try {
    await orm.migrator.up({ to: previous });
  } finally {
    await orm.close();
  }
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const company = await client.query<{ id: string }>(
    `insert into companies (whop_company_id, name) values ('biz_keymove01', 'Key move') returning id`,
  );
  const companyId = company.rows[0]!.id;
  await client.query(`insert into members (company_id, whop_user_id) values ($1, 'user_a'), ($1, 'user_b')`, [
    companyId,
  ]);
  await client.query(
    `insert into engagement_daily (company_id, member_id, day, score)
     select m.company_id, m.id, d::date, 10 * m.id + extract(day from d)::int
     from members m, generate_series('2026-03-01'::date, '2026-03-03'::date, interval '1 day') d`,
  );
  return client;
}

async function layout(c: pg.Client) {
  const key = await c.query<{ cols: string[] }>(
    `select array(select a.attname::text from unnest(i.indkey) with ordinality k(n, o)
                  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n order by k.o) as cols
     from pg_index i where i.indrelid = 'engagement_daily'::regclass and i.indisprimary`,
  );
  const indexes = await c.query<{ name: string }>(
    `select indexrelid::regclass::text as name from pg_index where indrelid = 'engagement_daily'::regclass order by 1`,
  );
  const references = await c.query<{ n: number }>(
    `select count(*)::int as n from pg_constraint where conrelid = 'engagement_daily'::regclass and contype = 'f'`,
  );
  return { key: key.rows[0]?.cols, indexes: indexes.rows.map((r) => r.name), references: references.rows[0]!.n };
}

describe('engagement_daily keyed by day: the migration on existing rows', () => {
  it('starts from the former layout', async () => {
    const c = await formerLayout();
    expect(await layout(c)).toEqual({
      key: ['company_id', 'member_id', 'day'],
      indexes: ['engagement_daily_company_id_day_member_id_index', 'engagement_daily_pkey'],
      references: 1,
    });
  });

  it('rebuilds the key by day, drops the index by day and the reference, and keeps every row', async () => {
    const c = await formerLayout();
    const rows = (await c.query(rowsSql)).rows;
    expect(rows).toHaveLength(6);
    expect(await migrateUp(db!.url)).toContain('Migration20261207100000_engagement_daily_by_day');
    expect(await layout(c)).toEqual({
      key: ['company_id', 'day', 'member_id'],
      indexes: ['engagement_daily_pkey'],
      references: 0,
    });
    expect((await c.query(rowsSql)).rows).toEqual(rows);
  });

  it('keeps a key by day the operator built beforehand, and drops only what is left', async () => {
    const c = await formerLayout();
    await c.query(
      'create unique index concurrently engagement_daily_by_day on engagement_daily (company_id, day, member_id)',
    );
    await c.query('begin');
    await c.query('alter table engagement_daily drop constraint engagement_daily_company_id_member_id_foreign');
    await c.query('alter table engagement_daily drop constraint engagement_daily_pkey');
    await c.query(
      'alter table engagement_daily add constraint engagement_daily_pkey primary key using index engagement_daily_by_day',
    );
    await c.query('commit');
    const oid = async () =>
      (await c.query<{ oid: number }>(`select 'engagement_daily_pkey'::regclass::oid as oid`)).rows[0]!.oid;
    const built = await oid();
    const rows = (await c.query(rowsSql)).rows;
    await migrateUp(db!.url);
    expect(await layout(c)).toEqual({
      key: ['company_id', 'day', 'member_id'],
      indexes: ['engagement_daily_pkey'],
      references: 0,
    });
    expect(await oid()).toBe(built);
    expect((await c.query(rowsSql)).rows).toEqual(rows);
  });
});
