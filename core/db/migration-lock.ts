// A session-level advisory lock so that two processes starting `pulse migrate` at once take turns:
// the second one then finds nothing pending.
import pg from 'pg';

/** Arbitrary, fixed: the key every Pulse process uses for "migrating this database". */
const MIGRATION_LOCK_KEY = 7_317_842_001;

export async function withMigrationLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
