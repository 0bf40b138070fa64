// Migrating an empty database gives exactly the entities' schema, and migrating again does nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { listMigrations, migrateUp, pendingMigrations } from '../../core/db/migrate.ts';
import { openOrm } from '../../core/db/orm.ts';
import { createEmptyDatabase, type TestDatabase } from '../helpers/db.ts';

describe('migrations on an empty database', () => {
  let db: TestDatabase;
  let firstRun: string[];
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    firstRun = await migrateUp(db.url);
    orm = await openOrm(db.url);
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('applies every migration file, in file order', () => {
    expect(listMigrations().length).toBeGreaterThanOrEqual(2);
    expect(firstRun).toEqual(listMigrations());
  });

  it('leaves no difference between the database and the entities', async () => {
    const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('would notice a missing index (the drift check is not vacuous)', async () => {
    const conn = orm.em.getConnection();
    await conn.execute('drop index activity_events_dedupe_unique');
    try {
      const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(drift).toMatch(/create unique index "activity_events_dedupe_unique".*where external_id is not null/i);
    } finally {
      await conn.execute(
        'create unique index activity_events_dedupe_unique ' +
          'on activity_events (company_id, source, external_id, occurred_at) where external_id is not null',
      );
    }
  });

  it('would notice a reference that is not a same-company pair (composite foreign keys are checked)', async () => {
    const conn = orm.em.getConnection();
    await conn.execute('alter table payments drop constraint payments_company_id_member_id_foreign');
    try {
      const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false });
      expect(drift).toMatch(
        /add constraint "payments_company_id_member_id_foreign" foreign key \("company_id", "member_id"\) references "members" \("company_id", "id"\).*on delete set null \(member_id\)/i,
      );
    } finally {
      await conn.execute(
        'alter table payments add constraint payments_company_id_member_id_foreign foreign key (company_id, member_id) ' +
          'references members (company_id, id) on update cascade on delete set null (member_id)',
      );
    }
  });

  it('applies nothing the second time, and nothing is pending', async () => {
    expect(await migrateUp(db.url)).toEqual([]);
    expect(await pendingMigrations(db.url)).toEqual([]);
    expect(await pendingMigrations(orm)).toEqual([]);
    const rows = await orm.em
      .getConnection()
      .execute<{ name: string }[]>('select name from mikro_orm_migrations order by id');
    expect(rows.map((r) => r.name)).toEqual(listMigrations());
  });

  it("creates Agenda's tables for workers started with ensureSchema: false", async () => {
    const rows = await orm.em
      .getConnection()
      .execute<{ table_name: string }[]>(
        "select table_name from information_schema.tables where table_name like 'agenda%' order by 1",
      );
    expect(rows.map((r) => r.table_name)).toEqual(['agenda_jobs', 'agenda_logs']);
  });
});

describe('migrateUp on a database that does not exist yet', () => {
  it('creates it, then migrates it', async () => {
    const db = await createEmptyDatabase();
    await db.drop();
    try {
      const logged: string[] = [];
      const applied = await migrateUp(db.url, { log: (line) => logged.push(line) });
      expect(applied).toEqual(listMigrations());
      expect(logged).toEqual(listMigrations().map((name) => `applied ${name}`));
      expect(await pendingMigrations(db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
