// Names and admin statements shared by the vitest global setup and the per-suite database helpers.
// Template: pulse_tpl_<hash of migrations/>; clones: pulse_t_<run time base36>_<run id>_<clone id>.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { quoteIdent } from '../../core/db/database-url.ts';
import { migrationsFolder } from '../../core/db/orm.ts';

export const defaultAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** pulse_tpl_ + 8 hex of the migration files' names and contents: a new migration, a new template. */
export function templateDatabaseName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(migrationsFolder, file)))
      .update('\0');
  }
  return `pulse_tpl_${hash.digest('hex').slice(0, 8)}`;
}

export function newRunId(): string {
  return `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
}

export function cloneDatabaseName(runId: string): string {
  return `pulse_t_${runId}_${randomBytes(3).toString('hex')}`;
}

/** When the run that made a clone started (ms), or undefined for a name not made here. */
export function cloneRunTime(name: string): number | undefined {
  const match = /^pulse_t_([0-9a-z]+)_[0-9a-f]{4}_[0-9a-f]{6}$/.exec(name);
  return match?.[1] ? parseInt(match[1], 36) : undefined;
}

export async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databasesLike(client: pg.Client, pattern: string): Promise<string[]> {
  const res = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
    pattern,
  ]);
  return res.rows.map((row) => row.datname);
}

export async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const res = await client.query('select 1 from pg_database where datname = $1', [name]);
  return res.rowCount === 1;
}

/**
 * Drop politely first: a suite's pools may still be closing their sockets, and terminating those sessions
 * (`with (force)`) makes pg emit an unhandled FATAL 57P01 on a client that is already ending. Sessions still
 * open after a second are left behind on purpose (a leaked connection), so they are then forced.
 */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  try {
    await retryWhileBusy(() => client.query(`drop database if exists ${quoteIdent(name)}`), 20, 50);
  } catch (err) {
    if ((err as { code?: string }).code !== BUSY) throw err;
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  }
}

const BUSY = '55006'; // object_in_use: "database ... is being accessed by other users"

/** Run a statement that needs a database nobody is connected to, retrying while sessions close. */
export async function retryWhileBusy(run: () => Promise<unknown>, attempts = 50, delayMs = 100): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== BUSY || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
