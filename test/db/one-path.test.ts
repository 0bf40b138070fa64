// Every path Pulse's code reaches PostgreSQL by parses a row alike: a timestamptz comes back as a Date whether it
// is read through the request pool, the job pool, a named prepared statement, a transaction lent from a pool or
// given a client, or the HTTP app's shared deps. MikroORM's own pool (migrations only) keeps it a string: that is
// why no request or job runs on it (core/db/README.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { openOrm } from '../../core/db/orm.ts';
import { openPool } from '../../core/db/pool.ts';
import { rows, type Queryable } from '../../core/db/queryable.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { buildApp } from '../../server/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const instant = '2026-03-04T05:06:07.089Z';
const sql = `select $1::timestamptz as at`;
const read = async (db: Queryable) => (await db.query<{ at: unknown }>(sql, [instant])).rows[0]!.at;

describe('one timestamp rule on every path', () => {
  let db: TestDatabase;
  const pools: pg.Pool[] = [];
  const pool = (...args: Parameters<typeof openPool>) => {
    const p = openPool(...args);
    pools.push(p);
    return p;
  };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db?.drop();
  });

  it('the request pool, the job pool, prepared statements and transactions all give the same Date', async () => {
    const requests = pool(db.url, { timeouts: 'request' });
    const jobs = pool(db.url, { timeouts: 'job' });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const seen = [
        await read(requests),
        await read(jobs),
        (await rows<{ at: unknown }>(requests, { name: 'one_path_at', text: sql, values: [instant] }))[0]!.at,
        await inTransaction(requests, (tx) => read(tx)),
        await inTransaction(jobs, (tx) => read(tx)),
        await inTransaction(client, (tx) => read(tx)),
      ];
      for (const at of seen) {
        expect(at).toBeInstanceOf(Date);
        expect((at as Date).toISOString()).toBe(instant);
      }
    } finally {
      await client.end();
    }
  });

  it('the HTTP app answers chat and report pages on the pool it serves webhooks and readiness with', async () => {
    const requests = pool(db.url, { timeouts: 'request' });
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40) }),
      db: requests,
      logger: false,
    });
    try {
      expect(app.shared.db).toBe(requests);
      expect(await read(app.shared.db)).toEqual(new Date(instant));
    } finally {
      await app.close();
    }
  });

  it("MikroORM's pool returns the same column as a string (so it serves migrations only)", async () => {
    const orm = await openOrm(db.url);
    try {
      const [row] = await orm.em.getConnection().execute<{ at: unknown }[]>('select ?::timestamptz as at', [instant]);
      expect(typeof row!.at).toBe('string');
      expect(new Date(row!.at as string).toISOString()).toBe(instant);
    } finally {
      await orm.close();
    }
  });
});
