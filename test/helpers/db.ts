// A fresh database per suite: CREATE DATABASE ... TEMPLATE <the migrated template> takes a few tens of
// milliseconds, and suites in parallel workers never see each other's rows.
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { inject } from 'vitest';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { openOrm } from '../../core/db/orm.ts';
import { openPool } from '../../core/db/pool.ts';
import { cloneDatabaseName, dropDatabase, retryWhileBusy, withAdmin } from './test-databases.ts';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Drop it, closing any connection still open to it. */
  drop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface TestOrm extends TestDatabase {
  orm: MikroORM;
}

export interface TestPool extends TestDatabase {
  /** A pool of core/db/pool.ts with the request limits, as the server opens it. */
  pool: pg.Pool;
}

/** A migrated database of its own, cloned from the template the global setup built. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pulseAdminDatabaseUrl');
  const template = inject('pulseTemplateDatabase');
  const name = cloneDatabaseName(inject('pulseTestRunId'));
  await withAdmin(adminUrl, (admin) =>
    retryWhileBusy(() => admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`)),
  );
  const drop = () => withAdmin(adminUrl, (admin) => dropDatabase(admin, name));
  return { url: withDatabaseName(adminUrl, name), name, drop, [Symbol.asyncDispose]: drop };
}

/** A database with no tables at all (not even the migrations table), for tests of migrating itself. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pulseAdminDatabaseUrl');
  const name = cloneDatabaseName(inject('pulseTestRunId'));
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${quoteIdent(name)}`));
  const drop = () => withAdmin(adminUrl, (admin) => dropDatabase(admin, name));
  return { url: withDatabaseName(adminUrl, name), name, drop, [Symbol.asyncDispose]: drop };
}

/** An ORM on a fresh clone (for tests of the entities and migrations); `drop()` closes the ORM and drops the database. */
export async function withOrm(): Promise<TestOrm> {
  const db = await createTestDatabase();
  const orm = await openOrm(db.url).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  const drop = async () => {
    await orm.close();
    await db.drop();
  };
  return { ...db, orm, drop, [Symbol.asyncDispose]: drop };
}

/** A request pool on a fresh clone (what buildApp takes); `drop()` ends the pool and drops the database. */
export async function withPool(): Promise<TestPool> {
  const db = await createTestDatabase();
  const pool = openPool(db.url, { timeouts: 'request' });
  const drop = async () => {
    if (!pool.ended) await pool.end();
    await db.drop();
  };
  return { ...db, pool, drop, [Symbol.asyncDispose]: drop };
}
