// A sync whose list fails for good stops its other lists before it reports the failure: the siblings' requests
// are aborted on the wire, the sync waits for them to settle, and only then frees its advisory lock. After the
// rejection nothing more reaches Whop and no row or cursor moves. Held requests are released by the test, never by
// a timer.
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { syncCompany } from '../../core/whop/sync.ts';
import { RequestHold } from '../../demo/fake-whop/faults.ts';
import { testRetryPolicy, whopWorld, type WhopWorld } from './world.ts';

interface Snapshot {
  states: unknown[];
  rows: unknown;
  received: number;
}

async function snapshot(w: WhopWorld): Promise<Snapshot> {
  const { rows: states } = await w.pool.query(
    `select resource, status, cursor, counts from sync_state where company_id = $1 order by resource`,
    [w.company.id],
  );
  const {
    rows: [rows],
  } = await w.pool.query(
    `select (select count(*) from products where company_id = $1) as products,
    (select count(*) from plans where company_id = $1) as plans, (select count(*) from members where company_id = $1) as members,
    (select count(*) from memberships where company_id = $1) as memberships, (select count(*) from payments where company_id = $1) as payments,
    (select count(*) from content_items where company_id = $1) as content, (select count(*) from activity_events where company_id = $1) as activity`,
    [w.company.id],
  );
  const received = Object.values(w.fake.stats().byPath).reduce((a, b) => a + b, 0);
  return { states, rows, received };
}

/** What was true the moment the sync rejected: connections still checked out of the pool. */
function rejection(run: Promise<unknown>, pool: pg.Pool): Promise<{ error: unknown; busyConnections: number }> {
  return run.then(
    () => {
      throw new Error('the sync was expected to fail');
    },
    (error: unknown) => ({ error, busyConnections: pool.totalCount - pool.idleCount }),
  );
}

/** Advisory locks held in this world's database (pg_locks spans every database of the server). */
const advisoryLocks = async (w: WhopWorld) =>
  Number(
    (
      await w.pool.query(`select count(*) from pg_locks
  where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`)
    ).rows[0].count,
  );

describe('a sync with a list failing for good', () => {
  let w: WhopWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('aborts a sibling held mid-pagination, waits for it, then frees the lock; nothing moves afterwards', async () => {
    w = await whopWorld({ seed: 41, members: 30 });
    const payments = new RequestHold('/payments');
    // A second page of a channel's messages: its first page is written and its cursor saved.
    const messages = new RequestHold('/messages', (q) => q.has('after'));
    w.fake.setFaults({ serverErrorPaths: ['/payments'], holds: [payments, messages] });
    const outcome = rejection(syncCompany(w.pool, w.api(), w.company, { mode: 'full', concurrency: 6 }), w.pool);

    await Promise.all([payments.arrived, messages.arrived]);
    const midway = await w.pool.query(
      `select count(*)::int as n from sync_state where company_id = $1 and resource like 'messages:%' and status = 'running' and cursor is not null`,
      [w.company.id],
    );
    expect(midway.rows[0].n).toBeGreaterThan(0);
    payments.release();

    const { error, busyConnections } = await outcome;
    expect(String(error)).toMatch(/500/);
    // Every transaction of the sync, and its lock's session, were done when it reported the failure.
    expect(busyConnections).toBe(0);
    expect(await advisoryLocks(w)).toBe(0);
    await messages.allAbandoned();
    const atFailure = await snapshot(w);

    messages.release();
    await messages.finished();
    expect(messages.answered).toBe(0);
    expect(await snapshot(w)).toEqual(atFailure);
    // Payments was retried, then given up: the failure is one that outlived the retry policy.
    expect(w.fake.stats().byPath['/payments']).toBe(testRetryPolicy.maxAttempts);
  }, 20_000);

  it('a failure that fails several waiting lists at once still waits for a running sibling before unlocking', async () => {
    w = await whopWorld({ seed: 43, members: 30 });
    // Members fail: memberships, payments, interactions and chat all depend on them and fail with them at once,
    // while plans (which does not) is in flight.
    const members = new RequestHold('/members');
    const plans = new RequestHold('/plans');
    w.fake.setFaults({ serverErrorPaths: ['/members'], holds: [members, plans] });
    const outcome = rejection(syncCompany(w.pool, w.api(), w.company, { mode: 'full', concurrency: 6 }), w.pool);
    await Promise.all([members.arrived, plans.arrived]);
    members.release();

    const { error, busyConnections } = await outcome;
    expect(String(error)).toMatch(/500/);
    expect(busyConnections).toBe(0);
    expect(await advisoryLocks(w)).toBe(0);
    await plans.allAbandoned();
    const atFailure = await snapshot(w);
    expect(atFailure.rows).toMatchObject({ plans: '0', members: '0' });

    plans.release();
    await plans.finished();
    expect(plans.answered).toBe(0);
    expect(await snapshot(w)).toEqual(atFailure);
  }, 20_000);
});
