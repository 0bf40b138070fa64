// Exactly-once delivery across worker PROCESSES on one database (test/server/delivery-worker.process.ts):
// two workers, each also racing scans of its own outside Agenda's lock, post every due digest exactly once
// to the fake Discord and Slack; a worker SIGKILLed after claiming a digest, while its post hangs unanswered
// (nothing accepted it), leads to exactly one post once a restarted worker takes the claim over.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_TOKEN, openDeliveryWorld, type DeliveryWorld } from '../delivery/world.ts';

const script = fileURLToPath(new URL('./delivery-worker.process.ts', import.meta.url));
// The workers' clock, one for all of them: 10:30 UTC on Thursday 26 November 2026 when the suite loads,
// running on from there.
const CLOCK_OFFSET_MS = Date.parse('2026-11-26T10:30:00Z') - Date.now();

interface Child {
  proc: ChildProcess;
  stderr: string[];
  exited: Promise<number | null>;
}

function startChild(w: DeliveryWorld, env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      DATABASE_URL: w.db.url,
      DISCORD_TOKEN,
      DISCORD_API: w.discord.api,
      SLACK_TOKEN: w.slack.token,
      SLACK_API: w.slack.apiUrl,
      CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  proc.stderr!.on('data', (b: Buffer) => stderr.push(b.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve({ proc, stderr, exited });
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${stderr.join('')}`)));
  });
}

/** How many runs of `job` a worker has logged as finished. */
const finished = (c: Child, job: string) =>
  c.stderr
    .join('')
    .split('\n')
    .filter((line) => line.includes('"msg":"job finished"') && line.includes(`"job":"${job}"`)).length;

/**
 * Waits until the workers together have finished `runs` more runs of each job than they had when called. Together:
 * Agenda runs a repeating job on whichever worker locks it first and promises no turns, so on a quiet machine one
 * worker can take every run for a while (the workers' own racing scans, RACE_SCANS, are what race on the ledger).
 */
async function moreRuns(workers: Child[], jobs: string[], runs = 3): Promise<void> {
  const total = (j: string) => workers.reduce((n, c) => n + finished(c, j), 0);
  const base = jobs.map(total);
  await until(`${runs} more runs of ${jobs.join(', ')}`, () => jobs.every((j, k) => total(j) >= base[k]! + runs));
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A TCP server that takes requests and never answers (a platform that never accepted the post). */
async function blackHole(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('data', () => {
      received++;
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('delivery across worker processes', () => {
  let w: DeliveryWorld;
  const children: Child[] = [];
  const stop = async (c: Child, signal: NodeJS.Signals = 'SIGTERM') => {
    c.proc.kill(signal);
    return c.exited;
  };

  beforeAll(async () => {
    w = await openDeliveryWorld();
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await w?.close();
  });

  it('two workers post each due digest exactly once', async () => {
    // Six companies in six zones, each with a Discord and a Slack digest channel whose hour has come at
    // the workers' clock (10:30 UTC); two of them have their weekly digest on Thursday too: 14 posts due.
    const zones = ['UTC', 'Europe/Berlin', 'Asia/Tokyo', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
    const hours = [9, 9, 17, 5, 20, 15]; // local hour at 10:30Z: 10, 11, 19, 5, 21, 16
    const expected: string[] = [];
    for (const [i, timeZone] of zones.entries()) {
      const co = await w.fx.company({ timeZone });
      const weekly = i < 2 ? 4 : null;
      const discordChannel = `7100000000000010${String(i).padStart(2, '0')}`;
      const slackChannel = `C0MULTI${i}`;
      await w.link(co.id, 'discord', `8100000000000010${String(i).padStart(2, '0')}`, {
        digestChannelId: discordChannel,
        digestHour: hours[i]!,
        weeklyDigestDay: weekly,
      });
      await w.link(co.id, 'slack', `T0MULTI${i}`, {
        digestChannelId: slackChannel,
        digestHour: hours[i]!,
        weeklyDigestDay: weekly,
      });
      expected.push(`discord ${discordChannel}`, `slack ${slackChannel}`);
      if (weekly !== null) expected.push(`discord ${discordChannel}`, `slack ${slackChannel}`);
    }
    const posted = async () =>
      Number((await w.pool.query(`select count(*) from deliveries where status = 'posted'`)).rows[0].count);
    // No worker is killed here: scan locks that outlive any scan, however slow the machine (a scan that outlives
    // its lock is cancelled by Agenda and logged as an error).
    const [a, b] = await Promise.all([
      startChild(w, { RACE_SCANS: '3', SCAN_LOCK_MS: '120000' }),
      startChild(w, { RACE_SCANS: '3', SCAN_LOCK_MS: '120000' }),
    ]);
    children.push(a!, b!);
    await until('14 posted digests', async () => (await posted()) >= expected.length);
    // Scans that start after every digest is posted must find nothing more to post: wait for them, not for a time.
    await moreRuns([a!, b!], ['digests:scan']);
    expect(await Promise.all([stop(a!), stop(b!)])).toEqual([0, 0]);

    expect(
      w
        .accepted()
        .map((p) => `${p.platform} ${p.channelId}`)
        .sort(),
    ).toEqual(expected.sort());
    const { rows } = await w.pool.query(`select status, attempts, count(*)::int as n from deliveries group by 1, 2`);
    expect(rows).toEqual([{ status: 'posted', attempts: 1, n: expected.length }]);
    // The posts were made by the processes' scans, and neither logged an error.
    const logs = [a!, b!].map((c) => c.stderr.join(''));
    expect(logs.join('').match(/"msg":"delivery attempted"/g)).toHaveLength(expected.length);
    expect(logs.flatMap((l) => l.split('\n')).filter((line) => line.includes('"level":"error"'))).toEqual([]);
  }, 60_000);

  it('a worker killed after claiming, before its post was accepted, leads to exactly one post after restart', async () => {
    await w.pool.query('delete from deliveries');
    await w.pool.query('delete from workspace_links');
    w.discord.requests.length = 0;
    w.slack.calls.length = 0;
    const co = await w.fx.company({ timeZone: 'UTC' });
    const channel = '710000000000002001';
    await w.link(co.id, 'discord', '810000000000002001', { digestChannelId: channel, digestHour: 10 });
    const hole = await blackHole();
    try {
      const first = await startChild(w, { DISCORD_API: hole.url, LEASE_MS: '1500' });
      children.push(first);
      const claimed = async () =>
        (await w.pool.query(`select status, attempts from deliveries where company_id = $1`, [co.id])).rows[0];
      await until(
        'the claim and its post in flight',
        async () => hole.received() > 0 && (await claimed())?.status === 'claimed',
      );
      first.proc.kill('SIGKILL');
      expect(await first.exited).toBeNull();
      expect(await claimed()).toEqual({ status: 'claimed', attempts: 1 });
      expect(w.accepted()).toEqual([]);

      const second = await startChild(w, { LEASE_MS: '1500' });
      children.push(second);
      await until('the post', async () => (await claimed())?.status === 'posted');
      await moreRuns([second], ['digests:scan', 'deliveries:retry']); // later passes send nothing else
      expect(await stop(second)).toBe(0);

      expect(w.accepted()).toEqual([{ platform: 'discord', channelId: channel, title: 'Daily digest · 25 Nov 2026' }]);
      const {
        rows: [row],
      } = await w.pool.query('select status, attempts, message_id, error from deliveries where company_id = $1', [
        co.id,
      ]);
      const sent = w.discord.requests.find((r) => r.path === `/channels/${channel}/messages`)!;
      expect(row).toEqual({ status: 'posted', attempts: 2, message_id: expect.stringMatching(/^\d+$/), error: null });
      expect(sent.status).toBe(200);
    } finally {
      await hole.close();
    }
  }, 60_000);
});
