// A sync under rate limits, server errors and dropped connections, and a sync killed half-way, end with exactly
// the data of a clean sync.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SyncAlreadyRunning, syncCompany } from '../../core/whop/sync.ts';
import type { FaultSwitches } from '../../demo/fake-whop/faults.ts';
import { actualFigures, companySnapshot, expectedFigures } from './expected.ts';
import { whopWorld, type WhopWorld } from './world.ts';

const SEED = 23;
const MEMBERS = 100;
const CONCURRENCY = 4;

describe('sync under faults', () => {
  let clean: WhopWorld;
  let reference: Awaited<ReturnType<typeof companySnapshot>>;
  beforeAll(async () => {
    clean = await whopWorld({ seed: SEED, members: MEMBERS });
    await syncCompany(clean.pool, clean.api(), clean.company, { mode: 'full' });
    reference = await companySnapshot(clean.pool, clean.company.id);
    expect(await actualFigures(clean.pool, clean.company.id)).toEqual(expectedFigures(clean.data));
  });
  afterAll(() => clean?.close());

  async function syncWith(faults: FaultSwitches) {
    const w = await whopWorld({ seed: SEED, members: MEMBERS, faults });
    try {
      const api = w.api();
      const report = await syncCompany(w.pool, api, w.company, { mode: 'full', concurrency: CONCURRENCY });
      expect(await actualFigures(w.pool, w.company.id)).toEqual(expectedFigures(w.data));
      expect(await companySnapshot(w.pool, w.company.id)).toEqual(reference);
      return { report, stats: w.fake.stats(), api };
    } finally {
      await w.close();
    }
  }

  it('waits out 429s that carry Retry-After', async () => {
    const { stats, api } = await syncWith({ rateLimitEvery: 30, rateLimitSeconds: 1, rateLimitRetryAfterHeader: true });
    expect(stats.rateLimitWindows).toBeGreaterThan(0);
    expect(api.retries.rate_limited).toBe(stats.rateLimited);
    // Honouring the wait: no more 429s per window than requests that were already in flight.
    expect(stats.rateLimited).toBeLessThanOrEqual(stats.rateLimitWindows * CONCURRENCY);
  });

  it('waits out 429s that only say "Try again in N seconds." in the body', async () => {
    const started = Date.now();
    const { stats, api } = await syncWith({ rateLimitEvery: 30, rateLimitSeconds: 1 });
    expect(stats.rateLimitWindows).toBeGreaterThan(0);
    expect(api.retries.rate_limited).toBe(stats.rateLimited);
    expect(stats.rateLimited).toBeLessThanOrEqual(stats.rateLimitWindows * CONCURRENCY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('retries 500s, connections reset before a byte and bodies cut mid-stream', async () => {
    const { stats, api } = await syncWith({ serverErrorEvery: 7, dropEvery: 11, resetEvery: 13, latencyMs: 2 });
    expect(stats.serverErrors).toBeGreaterThan(0);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.reset).toBeGreaterThan(0);
    expect(api.retries.server_error).toBe(stats.serverErrors);
    expect(api.retries.connection).toBe(stats.dropped + stats.reset);
  });

  it('a second sync of the same company while one runs is refused, not interleaved', async () => {
    const w = await whopWorld({ seed: SEED, members: 20 });
    try {
      await refusedWhileRunning(w);
      expect(await actualFigures(w.pool, w.company.id)).toEqual(expectedFigures(w.data));
      const again = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
      expect(again.totals.inserted + again.totals.updated).toBe(0);
    } finally {
      await w.close();
    }
  });

  /** Starts a sync, holds it inside its lock, asks for a second one (refused), then lets the first finish. */
  async function refusedWhileRunning(w: WhopWorld): Promise<void> {
    // Holding sync_state keeps the first sync inside its lock for as long as the test needs, however fast it is.
    const blocker = await w.pool.connect();
    let first: Promise<unknown> | undefined;
    try {
      await blocker.query('begin');
      await blocker.query('lock table sync_state in access exclusive mode');
      first = syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
      first.catch(() => undefined);
      await vi.waitFor(
        async () => {
          const { rows } = await w.pool.query(
            `select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and objid = $1
           and database = (select oid from pg_database where datname = current_database())`,
            [w.company.id],
          );
          expect(rows[0].n).toBe(1);
        },
        { timeout: 30_000, interval: 10 },
      );
      await expect(syncCompany(w.pool, w.api(), w.company, { mode: 'full' })).rejects.toBeInstanceOf(
        SyncAlreadyRunning,
      );
    } finally {
      await blocker.query('rollback');
      blocker.release();
    }
    await first;
  }

  it('a sync killed half-way, twice, resumes from its stored cursors and ends identical', async () => {
    const w = await whopWorld({ seed: SEED, members: MEMBERS });
    try {
      const total = expectedFigures(w.data);
      const objects = total.payments + total.messages + total.memberships;
      const kill = async (afterFetched: number) => {
        const ctl = new AbortController();
        const run = syncCompany(w.pool, w.api(), w.company, {
          mode: 'incremental',
          concurrency: 2,
          signal: ctl.signal,
          onProgress: (p) => {
            if (p.totalFetched >= afterFetched) ctl.abort(new Error('killed'));
          },
        });
        await expect(run).rejects.toThrow();
      };
      await kill(objects / 4);
      const midway = await w.pool.query(
        `select count(*)::int as n from sync_state where company_id = $1 and status = 'running' and cursor is not null`,
        [w.company.id],
      );
      expect(midway.rows[0].n).toBeGreaterThan(0);
      await kill(objects / 4);
      const requestsBefore = w.fake.stats().requests;
      const resumed = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
      expect(resumed.tasks.some((t) => t.resumed)).toBe(true);
      expect(await actualFigures(w.pool, w.company.id)).toEqual(total);
      expect(await companySnapshot(w.pool, w.company.id)).toEqual(reference);
      // It continued: fewer requests than a whole sync needs.
      expect(w.fake.stats().requests - requestsBefore).toBeLessThan(clean.fake.stats().requests);
    } finally {
      await w.close();
    }
  });
});
