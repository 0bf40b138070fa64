// Applying, checking and creating migrations (the `pulse migrate` verb, readiness, process start).
// Messages name the database as host:port/name, never with its password.
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { BadInput, SchemaNotReady } from '../errors.ts';
import { describeDatabase } from './database-url.ts';
import { withMigrationLock } from './migration-lock.ts';
import { pendingMigrations, type MigrationTarget } from './migration-status.ts';
import { migrationsFolder, openOrm } from './orm.ts';

export { listMigrations, pendingMigrations, type MigrationTarget } from './migration-status.ts';

export interface MigrateOptions {
  /** Called once per migration as it is applied. */
  log?: (line: string) => void;
}

/**
 * Apply every pending migration (creating the database first when it does not exist), in one
 * transaction, holding an advisory lock so two processes never migrate at once.
 * Returns the names applied: empty when the database was already up to date.
 */
export async function migrateUp(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  // A missing database is created first: the lock lives inside it.
  const orm = await openEnsuredOrm(databaseUrl);
  try {
    return await withMigrationLock(databaseUrl, async () => {
      orm.migrator.on('migrated', ({ name }) => options.log?.(`applied ${name}`));
      const applied = await orm.migrator.up();
      return applied.map((m) => m.name);
    });
  } finally {
    await orm.close();
  }
}

/** CREATE DATABASE lost to another process creating the same database (42P04, or the catalog's unique index). */
const isDuplicateDatabase = (err: unknown) => ['42P04', '23505'].includes(String((err as { code?: unknown }).code));

/**
 * An ORM on the database, created when missing. Two migrations started at once can both find it missing: the
 * one whose CREATE DATABASE loses closes its ORM (MikroORM left it on the management database) and opens a new
 * one on the database the other created.
 */
async function openEnsuredOrm(databaseUrl: string): Promise<MikroORM> {
  const orm = await openOrm(databaseUrl);
  try {
    await orm.schema.ensureDatabase();
    return orm;
  } catch (err) {
    await orm.close();
    if (!isDuplicateDatabase(err)) throw err;
    return openOrm(databaseUrl);
  }
}

/** Throws SchemaNotReady when migrations are pending or the migrations table is missing. */
export async function assertMigrated(target: MigrationTarget): Promise<void> {
  const pending = await pendingMigrations(target);
  if (pending.length > 0) {
    throw new SchemaNotReady(
      `database ${databaseLabel(target)} is not migrated (${pending.length} pending migrations): run \`pulse migrate\``,
    );
  }
}

function databaseLabel(target: MigrationTarget): string {
  if (typeof target === 'string') return describeDatabase(target);
  if (target instanceof pg.Pool)
    return target.options.connectionString ? describeDatabase(target.options.connectionString) : 'the database';
  const url = target.config.get('clientUrl');
  return url ? describeDatabase(url) : target.config.get('dbName');
}

/**
 * Write migrations/Migration<timestamp>_<name>.ts holding the SQL that brings the (migrated) database
 * to the entities; when there is no difference, one whose `up()` is a `select 1` placeholder to replace by hand.
 * Returns the file's path.
 */
export async function createMigration(databaseUrl: string, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,60}$/.test(name)) {
    throw new BadInput(`migration name must be snake_case letters, digits and _ (got "${name}")`);
  }
  await assertMigrated(databaseUrl);
  const orm = await openOrm(databaseUrl);
  try {
    let result = await orm.migrator.create(undefined, false, false, name);
    if (!result.fileName) result = await orm.migrator.create(undefined, true, false, name);
    return join(migrationsFolder, result.fileName);
  } finally {
    await orm.close();
  }
}
