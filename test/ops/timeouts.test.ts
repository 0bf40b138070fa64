// Every wait has a bound: our pools' sessions carry statement and idle-in-transaction timeouts (seen by the
// server), a statement past its limit is cancelled, a server that never answers fails the connect, the HTTP
// server bounds slow requests, and a full webhook ingestor answers 503 + Retry-After keeping nothing. Each case
// is driven by something the test holds (a lock, a silent socket), never by how fast the machine is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../core/config.ts';
import { openOrm } from '../../core/db/orm.ts';
import { openPool } from '../../core/db/pool.ts';
import { buildApp } from '../../server/app.ts';
import { makeEnvelope, signedHeaders } from '../../demo/fake-whop/webhook-sender.ts';
import { createTestDatabase, withPool, type TestDatabase, type TestPool } from '../helpers/db.ts';

const SECRET = 'ws_71e0d75e7a1b2c3d4e5f60718293a4bc';

async function settings(pool: pg.Pool): Promise<{ statement: string; idle: string }> {
  const {
    rows: [r],
  } = await pool.query<{ statement: string; idle: string }>(
    `select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`,
  );
  return r!;
}

describe('database pools', () => {
  let db: TestDatabase;
  const pools: pg.Pool[] = [];
  const track = (p: pg.Pool) => {
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

  it("a request pool's sessions show 30 s per statement and 1 min idle in a transaction; a job pool's 15 and 30 min", async () => {
    expect(await settings(track(openPool(db.url)))).toEqual({ statement: '30s', idle: '1min' });
    expect(await settings(track(openPool(db.url, { timeouts: 'job' })))).toEqual({ statement: '15min', idle: '30min' });
    const {
      rows: [shown],
    } = await pools[0]!.query<{ statement_timeout: string }>('show statement_timeout');
    expect(shown!.statement_timeout).toBe('30s');
  });

  it("the ORM's pool (migrations and schema tools only) has the job limits", async () => {
    const orm = await openOrm(db.url);
    try {
      const [r] = await orm.em
        .getConnection()
        .execute<{ statement: string; idle: string }[]>(
          `select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`,
        );
      expect(r).toEqual({ statement: '15min', idle: '30min' });
    } finally {
      await orm.close();
    }
  });

  it('cancels a statement that runs past an injected statement_timeout (it waits on a lock the test holds)', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock(4242)');
      const pool = track(openPool(db.url, { timeouts: { statementMs: 200 } }));
      const err = await pool.query('select pg_advisory_lock(4242)').then(
        () => null,
        (e: unknown) => e as { code?: string; message: string },
      );
      expect(err?.code).toBe('57014');
      expect(err?.message).toMatch(/statement timeout/);
      expect((await pool.query<{ n: number }>('select 1 as n')).rows[0]!.n).toBe(1);
    } finally {
      await holder.end();
    }
  });

  it('ends a session left idle inside a transaction past idle_in_transaction_session_timeout', async () => {
    const pool = track(openPool(db.url, { timeouts: { idleInTransactionMs: 100 } }));
    const client = await pool.connect();
    const ended = once(client, 'error');
    await client.query('begin');
    const [err] = (await ended) as [Error & { code?: string }];
    expect(err.code).toBe('25P03');
    client.release(err);
  });

  it('gives up connecting to a server that accepts and never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => {
      sockets.push(s);
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    const pool = track(openPool(`postgres://postgres@127.0.0.1:${port}/none`, { timeouts: { connectMs: 200 } }));
    try {
      await expect(pool.query('select 1')).rejects.toThrow(/timeout/i);
      expect(sockets.length).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});

describe('the HTTP server', () => {
  it('bounds how long a request may take to arrive and how long an idle connection stays', async () => {
    await using db = await withPool();
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40) }),
      db: db.pool,
      logger: false,
    });
    try {
      expect(app.server.requestTimeout).toBe(30_000);
      expect(app.server.timeout).toBe(75_000);
    } finally {
      await app.close();
      await db.pool.end();
    }
  });
});

describe('a full webhook ingestor', () => {
  let db: TestPool;
  beforeAll(async () => {
    db = await withPool();
  });
  afterAll(async () => {
    if (db) await db.pool.end();
    await db?.drop();
  });

  const post = (app: FastifyInstance, id: string) => {
    const body = JSON.stringify(makeEnvelope('membership.activated', { id: `mem_${id}` }, 'biz_nobody'));
    return app.inject({
      method: 'POST',
      url: '/webhooks/whop',
      headers: signedHeaders(SECRET, id, Math.floor(Date.now() / 1000), body),
      payload: body,
    });
  };

  it.each([
    ['one event waiting', { maxPending: 1, inFlight: 1 }, 'full_count'],
    ['its bytes budget spent', { maxPending: 100, maxPendingBytes: 64, inFlight: 1 }, 'full_bytes'],
  ])(
    'with %s answers 503 + Retry-After, stores nothing of the refused event, and takes it when Whop retries',
    async (_label, limits, tag) => {
      const config = loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40), WHOP_WEBHOOK_SECRET: SECRET });
      const app = await buildApp({ config, db: db.pool, logger: false, webhookIngestor: limits });
      const pool = db.pool;
      const stored = async () =>
        (
          await pool.query<{ webhook_id: string }>(
            'select webhook_id from webhook_inbox where webhook_id like $1 order by 1',
            [`${tag}%`],
          )
        ).rows.map((r) => r.webhook_id);
      // The test holds the inbox: the first event's transaction waits on this lock until the test commits.
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('lock table webhook_inbox in exclusive mode');
        const first = post(app, `${tag}_a`);
        const waitingOnLock = async () =>
          Number(
            (
              await pool.query<{ n: string }>(
                `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%webhook_inbox%'`,
              )
            ).rows[0]!.n,
          );
        while ((await waitingOnLock()) === 0) await new Promise((r) => setTimeout(r, 10));

        const refused = await post(app, `${tag}_b`);
        expect(refused.statusCode).toBe(503);
        expect(refused.headers['retry-after']).toBe('10');
        await holder.query('commit');
        expect((await first).statusCode).toBe(200);
        expect(await stored()).toEqual([`${tag}_a`]);

        expect((await post(app, `${tag}_b`)).statusCode).toBe(200);
        expect(await stored()).toEqual([`${tag}_a`, `${tag}_b`]);
      } finally {
        await holder.end();
        await app.close();
      }
    },
  );
});
