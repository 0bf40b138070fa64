// Fault: SIGTERM while a real worker process (`pulse serve --role worker`, posting with its real Discord
// deliverer to the fake Discord, each post taking 2 s) is delivering the daily digests of 20 linked companies.
// The process exits within 10 s: the posts in flight finish and are recorded, the claims not started are
// released to the ledger. After a restart and a deliveries:retry run every digest was posted exactly once:
// one message per channel at the fake, one `posted` ledger row each, nothing failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { DELIVERIES_RETRY } from '../../../server/jobs/names.ts';
import { DISCORD_TOKEN, openDeliveryWorld, type DeliveryWorld } from '../../delivery/world.ts';
import { startServer } from '../server-process.ts';

const COMPANIES = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('SIGTERM during a digest delivery', () => {
  let w: DeliveryWorld;
  const channels: string[] = [];
  /** The workers' warnings and errors (JSON log lines). */
  const logged: string[] = [];

  beforeAll(async () => {
    w = await openDeliveryWorld();
    for (let i = 0; i < COMPANIES; i++) {
      const co = await w.fx.company({ timeZone: 'UTC' });
      const channel = String(720000000000000100n + BigInt(i));
      channels.push(channel);
      // Hour 0: today's daily digest is due whenever the worker scans.
      await w.link(co.id, 'discord', String(820000000000000100n + BigInt(i)), {
        digestChannelId: channel,
        digestHour: 0,
        weeklyDigestDay: null,
      });
    }
  });
  afterAll(async () => {
    await w?.close();
  });

  const ledger = async () =>
    (
      await w.pool.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from deliveries where kind = 'daily_digest' group by status order by status`,
      )
    ).rows;
  const worker = () =>
    startServer({
      databaseUrl: w.db.url,
      role: 'worker',
      env: {
        DISCORD_TOKEN,
        DISCORD_API_BASE_URL: w.discord.api,
        WHOP_API_BASE_URL: 'http://127.0.0.1:9/api/v1',
        LOG_LEVEL: 'info',
      },
      onStdout: (s) => {
        for (const l of s.split('\n')) if (/"level":[45]0/.test(l)) logged.push(l);
      },
    });

  it('exits within 10 s mid-delivery; after restart every digest is posted exactly once', async () => {
    w.discord.faults.latencyMs = 2_000; // 20 posts, 4 at a time: 10 s of posting, twice the 5-s drain
    const first = await worker();
    // The scan claims every due digest in one insert, then posts; stop it with the first posts in flight.
    await until('the digests to be claimed', async () => (await ledger()).reduce((n, r) => n + r.n, 0) === COMPANIES);
    await sleep(500);
    const { code, ms } = await first.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const atStop = Object.fromEntries((await ledger()).map((r) => [r.status, r.n]));
    console.log(`sigterm during digests: exited ${code} after ${ms} ms; ledger ${JSON.stringify(atStop)}`);
    expect(atStop.failed).toBeUndefined();
    expect(atStop.posted).toBeGreaterThan(0); // the posts in flight were finished and recorded...
    expect(atStop.claimed).toBeGreaterThan(0); // ...and those not started were left for later, not lost
    expect(w.accepted()).toHaveLength(atStop.posted!); // nothing reached Discord without being recorded
    // The digests in flight kept their database until they were recorded (the app's pools close after the worker).
    expect(logged.filter((l) => /Cannot use a pool|not recorded/.test(l))).toEqual([]);

    w.discord.faults.latencyMs = 0;
    const second = await worker();
    const agenda = new Agenda({ backend: new PostgresBackend({ connectionString: w.db.url, ensureSchema: false }) });
    await agenda.ready;
    await agenda.now(DELIVERIES_RETRY);
    await agenda.stop();
    await until('every digest to be posted', async () => (await ledger()).every((r) => r.status === 'posted'));
    const stop = await second.stop('SIGTERM');
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(10_000);

    expect(await ledger()).toEqual([{ status: 'posted', n: COMPANIES }]);
    const posted = w.accepted();
    expect(posted.map((p) => p.channelId).sort()).toEqual([...channels].sort()); // each channel once: none lost, none twice
    expect(posted.every((p) => p.title.startsWith('Daily digest'))).toBe(true);
    const ids = await w.pool.query(
      `select count(distinct message_id)::int as n from deliveries where status = 'posted' and message_id is not null`,
    );
    expect(ids.rows[0].n).toBe(COMPANIES);
  });
});
