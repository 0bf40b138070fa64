// The webhook ingestor's connections plan its statements once (plan_cache_mode = force_generic_plan, set at session
// start); every other pool keeps PostgreSQL's default. Session settings are ours, never input: a malformed one is
// refused before any connection is made. Request pools keep their connections (core/db/pool.ts REQUEST_POOL_WARM).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../../core/db/pool.ts';
import { openIngestPool } from '../../core/whop/webhook-ingestor.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

describe('the ingest pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('plans generically; the request pool does not', async () => {
    const ingest = openIngestPool(db.url);
    const request = openPool(db.url, { max: 1, timeouts: 'request' });
    try {
      const mode = async (p: typeof ingest) =>
        (await p.query<{ plan_cache_mode: string }>('show plan_cache_mode')).rows[0]!.plan_cache_mode;
      expect(await mode(ingest)).toBe('force_generic_plan');
      expect(await mode(request)).toBe('auto');
      // Neither compiles statements (the request profile's setting); the job profile keeps JIT.
      const jit = async (p: typeof ingest) => (await p.query<{ jit: string }>('show jit')).rows[0]!.jit;
      expect(await jit(ingest)).toBe('off');
      expect(await jit(request)).toBe('off');
      const job = openPool(db.url, { max: 1, timeouts: 'job' });
      try {
        expect(await jit(job)).toBe('on');
      } finally {
        await job.end();
      }
      // The request limits still apply to the ingest sessions.
      expect(
        (await ingest.query<{ statement_timeout: string }>('show statement_timeout')).rows[0]!.statement_timeout,
      ).toBe('30s');
    } finally {
      await Promise.all([ingest.end(), request.end()]);
    }
  });

  it('a request pool keeps its connections when idle (a used backend answers faster); a job pool lets them go', async () => {
    const request = openPool(db.url, { max: 4, timeouts: 'request' });
    const job = openPool(db.url, { max: 4, timeouts: 'job' });
    try {
      const busy = (p: typeof request) => Promise.all([1, 2, 3].map(() => p.query('select pg_sleep(0.05)')));
      await Promise.all([busy(request), busy(job)]);
      expect([request.totalCount, job.totalCount]).toEqual([3, 3]);
      // pg-pool closes a connection idle for 10 s unless the pool is at its minimum.
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      expect([request.totalCount, job.totalCount]).toEqual([3, 0]);
      expect(request.options.allowExitOnIdle).toBe(true);
    } finally {
      await Promise.all([request.end(), job.end()]);
    }
  }, 30_000);

  it('refuses a malformed session setting', () => {
    expect(() => openPool(db.url, { settings: { plan_cache_mode: 'x -c log_statement=all' } })).toThrow(
      /bad session setting/,
    );
    expect(() => openPool(db.url, { settings: { 'work mem': '1MB' } })).toThrow(/bad session setting/);
  });
});
