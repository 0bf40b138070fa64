// The delivery ledger on PostgreSQL: a claim is made once however many try (also at the same moment), a
// claim is taken over only after its lease and by one worker, a taken-over holder's writes are fenced off,
// transient errors back off and give up, permanent errors fail for good, and /pulse status reads it back.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import {
  attemptDelivery,
  claimDeliveries,
  deliveryStatus,
  markPosted,
  reclaimDue,
  releaseClaim,
  defaultRetryPolicy,
  type ClaimedDelivery,
  type DeliveryClaim,
} from '../../core/delivery/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type Fixtures } from '../helpers/fixtures.ts';

const T0 = new Date('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;
const transient = (err: unknown) => ({ permanent: false, message: String((err as Error).message) });
const permanent = (err: unknown) => ({ permanent: true, message: String((err as Error).message) });

describe('delivery ledger', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let fx: Fixtures;
  let companyId: number;
  let seq = 0;
  /** A fresh daily digest claim for a channel of its own. */
  const claim = (over: Partial<DeliveryClaim> = {}): DeliveryClaim => ({
    companyId,
    workspaceLinkId: null,
    kind: 'daily_digest',
    period: '2026-11-26',
    platform: 'discord',
    channelId: `c${++seq}`,
    ...over,
  });
  const row = async (id: number) =>
    (
      await pool.query(
        'select status, attempts, error, message_id, lease_until, posted_at from deliveries where id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 12 });
    pool.on('error', () => undefined);
    fx = await openFixtures(db.url);
    companyId = (await fx.company()).id;
  });
  afterAll(async () => {
    await fx?.close();
    await pool?.end();
    await db?.drop();
  });

  it('claims a delivery once: a second claim of the same key gets nothing', async () => {
    const c = claim();
    const [first] = await claimDeliveries(pool, [c], { now: T0, leaseMs: LEASE });
    expect(first).toMatchObject({
      kind: 'daily_digest',
      period: '2026-11-26',
      platform: 'discord',
      channelId: c.channelId,
      attempts: 1,
      createdAt: T0,
      leaseUntil: at(LEASE),
    });
    expect(first!.dedupeKey).toBe(`daily_digest:2026-11-26:discord:${c.channelId}`);
    expect(await claimDeliveries(pool, [c, claim()], { now: at(5), leaseMs: LEASE })).toHaveLength(1); // only the new channel
  });

  it('ten connections claiming the same 20 deliveries at once win each exactly once', async () => {
    const claims = Array.from({ length: 20 }, () => claim());
    const clients = await Promise.all(Array.from({ length: 10 }, () => pool.connect()));
    try {
      const won = await Promise.all(clients.map((c) => claimDeliveries(c, claims, { now: T0, leaseMs: LEASE })));
      const ids = won
        .flat()
        .map((d) => d.dedupeKey)
        .sort();
      expect(ids).toEqual(claims.map((c) => `daily_digest:2026-11-26:discord:${c.channelId}`).sort());
    } finally {
      for (const c of clients) c.release();
    }
  });

  it('takes a claim over only after its lease ran out, and only one worker does', async () => {
    const [d] = await claimDeliveries(pool, [claim({ platform: 'slack' })], { now: T0, leaseMs: LEASE });
    expect(await reclaimDue(pool, { now: at(LEASE - 1), leaseMs: LEASE, limit: 10, platforms: ['slack'] })).toEqual([]);
    const racing = await Promise.all(
      Array.from({ length: 6 }, () =>
        reclaimDue(pool, { now: at(LEASE), leaseMs: LEASE, limit: 10, platforms: ['slack'] }),
      ),
    );
    const taken = racing.flat();
    expect(taken.map((t) => t.id)).toEqual([d!.id]);
    expect(taken[0]).toMatchObject({ attempts: 2, leaseUntil: at(2 * LEASE), createdAt: T0 });
    // The first holder wakes up late: its record is refused, the new holder's goes through.
    expect(await markPosted(pool, d!, 'm-old', at(LEASE + 1))).toBe(false);
    expect(await markPosted(pool, taken[0]!, 'm-new', at(LEASE + 2))).toBe(true);
    expect(await row(d!.id)).toMatchObject({ status: 'posted', message_id: 'm-new', lease_until: null, attempts: 2 });
    // Not for a platform the worker cannot post to.
    const [other] = await claimDeliveries(pool, [claim({ platform: 'slack' })], { now: T0, leaseMs: LEASE });
    expect(
      await reclaimDue(pool, { now: at(10 * LEASE), leaseMs: LEASE, limit: 10, platforms: ['discord'] }),
    ).not.toContainEqual(expect.objectContaining({ id: other!.id }));
  });

  it('a claim taken over while it waited its turn is not sent by its first holder', async () => {
    const [d] = await claimDeliveries(pool, [claim({ channelId: 'WAITED' })], { now: T0, leaseMs: LEASE });
    const [taken] = (
      await reclaimDue(pool, { now: at(LEASE), leaseMs: LEASE, limit: 50, platforms: ['discord'] })
    ).filter((x) => x.id === d!.id);
    expect(taken?.attempts).toBe(2);
    let sent = 0;
    const send = async () => {
      sent++;
      return { messageId: `m${sent}` };
    };
    expect(
      await attemptDelivery(pool, d!, send, { now: () => at(LEASE + 1), leaseMs: LEASE, classify: transient }),
    ).toEqual({ status: 'superseded' });
    expect(
      await attemptDelivery(pool, taken!, send, { now: () => at(LEASE + 2), leaseMs: LEASE, classify: transient }),
    ).toEqual({ status: 'posted', messageId: 'm1' });
    expect(sent).toBe(1);
  });

  it('posts and records the message id; the lease is renewed while a slow post is in flight', async () => {
    // The clock is the test's and so is the renewal timer (fake setInterval): the post stays in flight for three
    // leases of the test's time, however slow the machine; each third of a lease the renewal must land.
    const [d] = await claimDeliveries(pool, [claim({ kind: 'weekly_digest', period: '2026-W48', platform: 'slack' })], {
      now: T0,
      leaseMs: LEASE,
    });
    let clock = T0;
    const leaseUntil = async () => ((await row(d!.id)).lease_until as Date).getTime();
    const takenMeanwhile: ClaimedDelivery[] = [];
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const outcome = await attemptDelivery(
        pool,
        d!,
        async () => {
          for (let third = 1; third <= 9; third++) {
            clock = at((third * LEASE) / 3);
            vi.advanceTimersByTime(LEASE / 3);
            const renewedTo = clock.getTime() + LEASE;
            await vi.waitFor(async () => expect(await leaseUntil()).toBe(renewedTo), { timeout: 30_000, interval: 5 });
            takenMeanwhile.push(
              ...(await reclaimDue(pool, { now: clock, leaseMs: LEASE, limit: 50, platforms: ['slack'] })).filter(
                (x) => x.id === d!.id,
              ),
            );
          }
          return { messageId: '1700000000.000100' };
        },
        { now: () => clock, leaseMs: LEASE, classify: transient },
      );
      expect(takenMeanwhile).toEqual([]);
      expect(outcome).toEqual({ status: 'posted', messageId: '1700000000.000100' });
    } finally {
      vi.useRealTimers();
    }
    expect(await row(d!.id)).toMatchObject({ status: 'posted', attempts: 1, error: null, lease_until: null });
  });

  it('a transient error is retried after an exponential backoff, and given up after the last attempt', async () => {
    let [d] = await claimDeliveries(pool, [claim({ platform: 'slack', channelId: 'C-BACKOFF' })], {
      now: T0,
      leaseMs: LEASE,
    });
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= defaultRetryPolicy.maxAttempts; attempt++) {
      const o = await attemptDelivery(
        pool,
        d!,
        async () => {
          throw new Error('429 Too Many Requests');
        },
        { now: () => now, leaseMs: LEASE, classify: transient },
      );
      if (o.status !== 'retry') {
        expect(attempt).toBe(defaultRetryPolicy.maxAttempts);
        expect(o).toEqual({ status: 'failed', error: 'gave up after 8 attempts: 429 Too Many Requests' });
        break;
      }
      delays.push(o.retryAt.getTime() - now.getTime());
      const early = await reclaimDue(pool, {
        now: new Date(o.retryAt.getTime() - 1),
        leaseMs: LEASE,
        limit: 50,
        platforms: ['slack'],
      });
      expect(early.filter((x) => x.channelId === 'C-BACKOFF')).toEqual([]);
      now = o.retryAt;
      [d] = (await reclaimDue(pool, { now, leaseMs: LEASE, limit: 50, platforms: ['slack'] })).filter(
        (x) => x.channelId === 'C-BACKOFF',
      );
      expect(d!.attempts).toBe(attempt + 1);
    }
    // 30 s, 1, 2, 4, 8, 16 min, then capped at 30 min.
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000]);
    expect(await row(d!.id)).toMatchObject({ status: 'failed', attempts: 8, lease_until: null });
    expect(
      await reclaimDue(pool, { now: at(86_400_000), leaseMs: LEASE, limit: 50, platforms: ['slack'] }),
    ).not.toContainEqual(expect.objectContaining({ id: d!.id }));
  });

  it('a permanent error fails at once and is never tried again; a release gives the claim back untried', async () => {
    const [d] = await claimDeliveries(pool, [claim({ channelId: 'GONE' })], { now: T0, leaseMs: LEASE });
    const o = await attemptDelivery(
      pool,
      d!,
      async () => {
        throw new Error('discord_10003: Unknown Channel');
      },
      { now: () => T0, leaseMs: LEASE, classify: permanent },
    );
    expect(o).toEqual({ status: 'failed', error: 'discord_10003: Unknown Channel' });
    expect(await row(d!.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'discord_10003: Unknown Channel' });

    const [r] = await claimDeliveries(pool, [claim({ channelId: 'RELEASED' })], { now: T0, leaseMs: LEASE });
    const stopping = new AbortController();
    stopping.abort();
    let sent = false;
    expect(
      await attemptDelivery(
        pool,
        r!,
        async () => {
          sent = true;
          return { messageId: 'x' };
        },
        { now: () => T0, leaseMs: LEASE, classify: transient, signal: stopping.signal },
      ),
    ).toEqual({ status: 'released' });
    expect(sent).toBe(false);
    const [again] = (await reclaimDue(pool, { now: T0, leaseMs: LEASE, limit: 50, platforms: ['discord'] })).filter(
      (x) => x.id === r!.id,
    );
    expect(again?.attempts).toBe(1);
    expect(await releaseClaim(pool, d!, T0)).toBe(false); // failed rows are not released
  });

  it('gives up on a delivery whose attempts keep dying without an outcome', async () => {
    const [d] = await claimDeliveries(pool, [claim({ channelId: 'CRASHY' })], { now: T0, leaseMs: LEASE });
    await pool.query('update deliveries set attempts = $2 where id = $1', [d!.id, defaultRetryPolicy.maxAttempts]);
    const [taken] = (
      await reclaimDue(pool, { now: at(LEASE), leaseMs: LEASE, limit: 50, platforms: ['discord'] })
    ).filter((x) => x.id === d!.id);
    let sent = false;
    const o = await attemptDelivery(
      pool,
      taken!,
      async () => {
        sent = true;
        return { messageId: 'x' };
      },
      { now: () => T0, leaseMs: LEASE, classify: transient },
    );
    expect(sent).toBe(false);
    expect(o).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^gave up after 8 attempts that never finished/),
    });
  });

  it('deliveryStatus: the last digest per destination, failures with their errors, retries waiting — this company only', async () => {
    const other = (await fx.company()).id;
    const mk = (c: Partial<DeliveryClaim>) =>
      claimDeliveries(pool, [claim(c)], { now: T0, leaseMs: LEASE }).then((r) => r[0]!);
    const d1 = await mk({ channelId: 'S1', period: '2026-11-25' });
    const d2 = await mk({ channelId: 'S1', period: '2026-11-26' });
    const w = await mk({ channelId: 'S1', kind: 'weekly_digest', period: '2026-W48' });
    const gone = await mk({ channelId: 'S2', platform: 'slack' });
    const waiting = await mk({ channelId: 'S3', kind: 'churn_alert', period: '20261126T030000Z-e1' });
    const foreign = await mk({ companyId: other, channelId: 'S1', period: '2026-11-27' });
    await markPosted(pool, d1, 'm1', at(1000));
    await markPosted(pool, d2, 'm2', at(86_400_000));
    await markPosted(pool, w, 'mw', at(2000));
    await markPosted(pool, foreign, 'mf', at(90_000_000));
    await attemptDelivery(
      pool,
      gone,
      async () => {
        throw new Error('channel_not_found: Slack refused the post: channel_not_found');
      },
      { now: () => T0, leaseMs: LEASE, classify: permanent },
    );
    await attemptDelivery(
      pool,
      waiting,
      async () => {
        throw new Error('503 Service Unavailable');
      },
      { now: () => T0, leaseMs: LEASE, classify: transient },
    );

    const status = await deliveryStatus(pool, companyId);
    expect(status.lastDigests.filter((x) => x.channelId === 'S1')).toEqual([
      {
        kind: 'daily_digest',
        period: '2026-11-26',
        platform: 'discord',
        channelId: 'S1',
        postedAt: at(86_400_000),
        messageId: 'm2',
      },
      {
        kind: 'weekly_digest',
        period: '2026-W48',
        platform: 'discord',
        channelId: 'S1',
        postedAt: at(2000),
        messageId: 'mw',
      },
    ]);
    expect(status.failed).toContainEqual({
      kind: 'daily_digest',
      period: '2026-11-26',
      platform: 'slack',
      channelId: 'S2',
      error: 'channel_not_found: Slack refused the post: channel_not_found',
      attempts: 1,
      claimedAt: T0,
    });
    expect(status.retrying.filter((x) => x.channelId === 'S3')).toEqual([
      {
        kind: 'churn_alert',
        period: '20261126T030000Z-e1',
        platform: 'discord',
        channelId: 'S3',
        error: '503 Service Unavailable',
        attempts: 1,
        nextAttemptAt: at(30_000),
      },
    ]);
    expect((await deliveryStatus(pool, other)).lastDigests).toEqual([
      expect.objectContaining({ channelId: 'S1', messageId: 'mf' }),
    ]);
  });
});
