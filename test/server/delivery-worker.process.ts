// A worker process for the multi-process delivery tests (run with node, not vitest): starts the real
// worker against DATABASE_URL with the real Discord and Slack deliverers pointed at the URLs it is given,
// only the delivery jobs installed (digests:scan and deliveries:retry, both every 300 ms), a clock shifted by
// CLOCK_OFFSET_MS, a short lease (LEASE_MS) and short scan locks (SCAN_LOCK_MS, default 2 s: a killed worker's
// expire soon; a test that kills no worker gives them long enough for any scan). With RACE_SCANS=n it also runs n digest scans of its own
// at once, outside Agenda's job lock, so two processes race on the ledger itself. Logs JSON lines to stderr;
// prints "ready" on stdout once started; stops gracefully on SIGTERM.
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { SlackDeliverer } from '../../bot/slack/deliverer.ts';
import { loadConfig } from '../../core/config.ts';
import { scanDigests } from '../../server/jobs/digests-scan.ts';
import { stderrLog } from '../../server/jobs/log.ts';
import { DELIVERIES_RETRY, DIGESTS_SCAN } from '../../server/jobs/names.ts';
import { startWorker } from '../../server/jobs/worker.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const now = () => new Date(Date.now() + offset);

const config = loadConfig({ DATABASE_URL: env('DATABASE_URL'), PULSE_SECRET: 's'.repeat(40) });
const log = stderrLog;
const worker = await startWorker({
  config,
  log,
  now,
  processEvery: 100,
  schedule: [DIGESTS_SCAN, DELIVERIES_RETRY],
  intervals: { [DIGESTS_SCAN]: 300, [DELIVERIES_RETRY]: 300 },
  deliveryLeaseMs: Number(process.env.LEASE_MS ?? 60_000),
  scanLockLifetimeMs: Number(process.env.SCAN_LOCK_MS ?? 2_000),
  deliverers: {
    discord: new DiscordDeliverer(discordRest({ token: env('DISCORD_TOKEN'), apiBase: env('DISCORD_API') })),
    slack: new SlackDeliverer({ botToken: env('SLACK_TOKEN'), apiUrl: env('SLACK_API'), log }),
  },
});
const races = Number(process.env.RACE_SCANS ?? 0);
const raced = Promise.allSettled(Array.from({ length: races }, () => scanDigests(worker.context)));
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void (async () => {
    for (const r of await raced)
      if (r.status === 'rejected') log.error({ worker: 'race', reason: String(r.reason) }, 'raced scan failed');
    await worker.stop();
    process.exit(0);
  })();
});
