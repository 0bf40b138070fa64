// Two `pulse migrate` processes at once on a database that does not exist yet, as fly's release command and an
// operator (or two overlapping deploys) can start them: both exit 0, and every migration is applied exactly once.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { listMigrations } from '../../../core/db/migrate.ts';
import { createEmptyDatabase } from '../../helpers/db.ts';

const cli = fileURLToPath(new URL('../../../server/cli.ts', import.meta.url));

const migrate = (url: string) =>
  new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [cli, 'migrate'],
      { env: { PATH: process.env.PATH, DATABASE_URL: url, PULSE_SECRET: 'migrate-test-secret-0123456789abcdef0123' } },
      (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
    );
  });

describe('pulse migrate, twice at once', () => {
  it('both exit 0 and each migration is applied once', async () => {
    await using db = await createEmptyDatabase();
    await db.drop();
    const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('select name from mikro_orm_migrations order by id');
      expect(rows.map((r) => r.name)).toEqual(listMigrations());
    } finally {
      await client.end();
    }
  });
});
