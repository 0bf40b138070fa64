// Two migrations of the same database at once (fly's release command can start while an operator runs `pulse
// migrate`, or two deploys overlap): both succeed, and every migration is applied exactly once. The two runs are
// held until both wait for the migration lock, so they really contend; then two at once on a database that does
// not exist yet (both create it, then migrate). Two `pulse migrate` processes: test/ops/slow/migrate-twice.slow.ts.
import { describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { listMigrations, migrateUp, pendingMigrations } from '../../core/db/migrate.ts';
import { withMigrationLock } from '../../core/db/migration-lock.ts';
import { createEmptyDatabase, type TestDatabase } from '../helpers/db.ts';

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('select name from mikro_orm_migrations order by id')).rows.map(
      (r) => r.name,
    );
  } finally {
    await client.end();
  }
}

/** Sessions of this database waiting for an advisory lock. */
async function waitingForLock(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
       and database = (select oid from pg_database where datname = current_database())`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('two migrations at once', () => {
  it('in process: both wait for the lock, one applies everything, the other nothing', async () => {
    await using db: TestDatabase = await createEmptyDatabase();
    let runs: Array<Promise<string[]>> = [];
    // Hold the lock ourselves until both runs are queued behind it, so they start migrating at the same moment.
    await withMigrationLock(db.url, async () => {
      runs = [migrateUp(db.url), migrateUp(db.url)];
      for (const r of runs) r.catch(() => undefined);
      const bothSettled = Promise.allSettled(runs);
      await Promise.race([
        vi.waitFor(async () => expect(await waitingForLock(db.url)).toBe(2), { timeout: 60_000, interval: 20 }),
        bothSettled, // without a lock the runs would not wait: go on to the checks, which then fail
      ]);
    });
    const results = await Promise.all(runs);
    expect(results.map((r) => r.length).sort((a, b) => a - b)).toEqual([0, listMigrations().length]);
    expect(results.flat()).toEqual(listMigrations());
    expect(await appliedMigrations(db.url)).toEqual(listMigrations());
    expect(await pendingMigrations(db.url)).toEqual([]);
  });

  it('on a database that does not exist yet: both create-or-find it, then one migrates it', async () => {
    await using db: TestDatabase = await createEmptyDatabase();
    await db.drop();
    const results = await Promise.all([migrateUp(db.url), migrateUp(db.url)]);
    expect(results.map((r) => r.length).sort((a, b) => a - b)).toEqual([0, listMigrations().length]);
    expect(await appliedMigrations(db.url)).toEqual(listMigrations());
  });
});
