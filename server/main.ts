// Entry point: start the roles PULSE_ROLE asks for on a migrated database; stop them gracefully on SIGTERM.
import type { Config } from '../core/config.ts';
import { openOrm } from '../core/db/orm.ts';
import { assertMigrated } from '../core/db/migrate.ts';
import { SchemaNotReady } from '../core/errors.ts';
import { closeOrm } from '../core/whop/db.ts';
import { DiscordDeliverer } from '../bot/discord/deliverer.ts';
import { discordRest } from '../bot/discord/rest.ts';
import { SlackDeliverer } from '../bot/slack/deliverer.ts';
import type { BotLogger } from '../bot/commands/types.ts';
import { buildApp } from './app.ts';
import type { Deliverers } from './jobs/context.ts';
import { startWorker } from './jobs/worker.ts';
import { startGateway } from './gateway.ts';
import { startSlackSocketMode } from '../bot/slack/socket-mode.ts';
import { instrumentAgenda } from './observability/index.ts';
import { configOrExit, fail } from './runtime.ts';
import { drainHttp, onShutdown } from './shutdown.ts';

export interface Started {
  url: string;
  /** Starts the Agenda worker when the role has one and it was deferred (no-op otherwise). */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Shutdown budget: in-flight requests get `httpGraceMs` and running jobs `jobDrainMs` (then they are aborted
 * and their locks released), side by side; the process exits at `hardLimitMs` whatever is left.
 */
export const shutdownBudget = { httpGraceMs: 5_000, jobDrainMs: 5_000, hardLimitMs: 10_000 };

/** Digests and alerts go to each platform whose bot token is set (DISCORD_API_BASE_URL / SLACK_API_URL honoured). */
function deliverersFor(config: Config, log: BotLogger): Deliverers {
  return {
    ...(config.DISCORD_TOKEN ? { discord: new DiscordDeliverer(discordRest({ token: config.DISCORD_TOKEN, apiBase: config.DISCORD_API_BASE_URL })) } : {}),
    ...(config.SLACK_BOT_TOKEN ? { slack: new SlackDeliverer({ botToken: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL, log }) } : {}),
  };
}

/** `deferWorker`: serve HTTP now, start the worker later (the demo seeds its company first, so the worker's
 * first scheduled sync does not race the demo's own). */
export async function start(config: Config, opts: { deferWorker?: boolean } = {}): Promise<Started> {
  const orm = await openOrm(config.DATABASE_URL);
  try {
    await assertMigrated(orm);
  } catch (err) {
    await orm.close();
    if (err instanceof SchemaNotReady) fail(err.message, 1);
    throw err;
  }
  const app = await buildApp({ config, orm });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  const hasWorker = config.PULSE_ROLE === 'worker' || config.PULSE_ROLE === 'all';
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const begin = async () => {
    if (!hasWorker || worker) return;
    worker = await startWorker({
      config, orm, log: app.log, drainTimeoutMs: shutdownBudget.jobDrainMs, deliverers: deliverersFor(config, app.log), botDeps: app.shared,
    });
    instrumentAgenda(worker.agenda);
  };
  if (!opts.deferWorker) await begin();

  // Connections for installs without a public URL: the Discord gateway (PULSE_ROLE=gateway, or `all` with a
  // bot token but no interactions public key) and Slack Socket Mode (an app-level token), both answering
  // through the same handlers as the HTTP endpoints.
  const connects = config.PULSE_ROLE === 'gateway' || config.PULSE_ROLE === 'all';
  const wantsGateway = config.PULSE_ROLE === 'gateway' || (config.PULSE_ROLE === 'all' && !!config.DISCORD_TOKEN && !config.DISCORD_PUBLIC_KEY);
  const gateway = wantsGateway ? await startGateway(config, app.shared) : undefined;
  const socketMode = connects ? await startSlackSocketMode(app.shared, config, app.log) : null;

  // HTTP stops accepting and the worker drains side by side (each within its budget); then the app's own
  // resources (webhook inbox, shared pools: the worker's digests use them) and last the database.
  let closing: Promise<void> | undefined;
  const close = () => closing ??= (async () => {
    const stopped = await Promise.allSettled([drainHttp(app.server, shutdownBudget.httpGraceMs), worker?.stop(), gateway?.stop(), socketMode?.stop()]);
    await app.close();
    await closeOrm(orm);
    const failed = stopped.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  })();
  onShutdown(close, { limitMs: shutdownBudget.hardLimitMs });
  return { url: `http://${config.HOST}:${port}`, startWorker: begin, close };
}

if (import.meta.main) {
  await start(configOrExit());
}
