// Which migrations a database still lacks, read without side effects (no table or database created),
// so it is safe in readiness probes and at process start.
import { readdirSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { migrationsFolder } from './orm.ts';
import type { Queryable } from './queryable.ts';

/** A database URL, a pool of pool.ts (what the server holds), or an ORM (the migration tools). */
export type MigrationTarget = MikroORM | pg.Pool | string;

const migrationsTable = 'mikro_orm_migrations';

/** Names of the migration files, in the order they apply (the migrator's glob and naming). */
export function listMigrations(): string[] {
  return readdirSync(migrationsFolder)
    .filter((file) => /^Migration.*\.ts$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/** Migration names not yet applied to the database, oldest first (all of them when it was never migrated). */
export async function pendingMigrations(target: MigrationTarget): Promise<string[]> {
  const applied = new Set(await appliedMigrations(target));
  return listMigrations().filter((name) => !applied.has(name));
}

const tableSql = `select to_regclass('${migrationsTable}') is not null as present`;
const namesSql = `select name from ${migrationsTable}`;

async function appliedMigrations(target: MigrationTarget): Promise<string[]> {
  if (target instanceof pg.Pool) return appliedOn(target);
  if (typeof target !== 'string') {
    const connection = target.em.getConnection();
    const [table] = await connection.execute<{ present: boolean }[]>(tableSql);
    if (!table?.present) return [];
    const rows = await connection.execute<{ name: string }[]>(namesSql);
    return rows.map((row) => row.name);
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    return await appliedOn(client);
  } finally {
    await client.end();
  }
}

async function appliedOn(db: Queryable): Promise<string[]> {
  const table = await db.query<{ present: boolean }>(tableSql);
  if (!table.rows[0]?.present) return [];
  const rows = await db.query<{ name: string }>(namesSql);
  return rows.rows.map((row) => row.name);
}
