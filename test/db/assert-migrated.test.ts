// assertMigrated refuses a database that lacks migrations, with one line that says what to do.
import { describe, expect, it } from 'vitest';
import { SchemaNotReady } from '../../core/errors.ts';
import { assertMigrated, listMigrations, pendingMigrations } from '../../core/db/migrate.ts';
import { openOrm } from '../../core/db/orm.ts';
import { createEmptyDatabase, createTestDatabase } from '../helpers/db.ts';

describe('assertMigrated', () => {
  it('throws SchemaNotReady on an empty database, naming it but not its password', async () => {
    await using db = await createEmptyDatabase();
    const url = new URL(db.url);
    url.password = 's3cret-pw'; // trust auth ignores it; it must still never be printed
    const count = listMigrations().length;
    const expected = `database ${url.hostname}:${url.port}/${db.name} is not migrated (${count} pending migrations): run \`pulse migrate\``;

    const error = await assertMigrated(url.toString()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SchemaNotReady);
    expect((error as Error).message).toBe(expected);
    expect((error as Error).message).not.toContain('s3cret');
    expect(await pendingMigrations(url.toString())).toEqual(listMigrations());
  });

  it('throws the same for an ORM, and checks without creating the migrations table', async () => {
    await using db = await createEmptyDatabase();
    const orm = await openOrm(db.url);
    try {
      await expect(assertMigrated(orm)).rejects.toThrow(
        new SchemaNotReady(
          `database ${new URL(db.url).host}/${db.name} is not migrated (${listMigrations().length} pending migrations): run \`pulse migrate\``,
        ),
      );
      const [row] = await orm.em
        .getConnection()
        .execute<{ present: boolean }[]>("select to_regclass('mikro_orm_migrations') is not null as present");
      expect(row?.present).toBe(false);
    } finally {
      await orm.close();
    }
  });

  it('counts only what is missing when some migrations were applied', async () => {
    await using db = await createTestDatabase();
    const orm = await openOrm(db.url);
    try {
      const [latest] = listMigrations().slice(-1);
      await orm.em.getConnection().execute('delete from mikro_orm_migrations where name = ?', [latest]);
      expect(await pendingMigrations(orm)).toEqual([latest]);
      await expect(assertMigrated(orm)).rejects.toThrow('(1 pending migrations)');
    } finally {
      await orm.close();
    }
  });

  it('passes on a migrated database', async () => {
    await using db = await createTestDatabase();
    await expect(assertMigrated(db.url)).resolves.toBeUndefined();
  });
});
