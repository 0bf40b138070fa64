// Entry point: start the roles PULSE_ROLE asks for on a migrated database; stop them gracefully on SIGTERM.
import type { Config } from '../core/config.ts';
import { assertMigrated } from '../core/db/migrate.ts';
import { openPool, warmPool } from '../core/db/pool.ts';
import { openIngestPool } from '../core/whop/webhook-ingestor.ts';
import { SchemaNotReady } from '../core/errors.ts';
import { DiscordDeliverer } from '../bot/discord/deliverer.ts';
import { discordRest } from '../bot/discord/rest.ts';
import { guildRemoval } from '../bot/discord/guild-removal.ts';
import { SlackDeliverer } from '../bot/slack/deliverer.ts';
import { SlackClients } from '../bot/slack/oauth/clients.ts';
import { SlackTokens, slackTokenMode } from '../bot/slack/oauth/tokens.ts';
import type { BotDeps } from '../bot/deps.ts';
import type { BotLogger } from '../bot/deps.ts';
import { buildApp } from './app.ts';
import { TrustProxyError } from './edge/client-address.ts';
import type { Deliverers } from './jobs/context.ts';
import { startWorker } from './jobs/worker.ts';
import { startGateway } from './gateway.ts';
import { startSlackSocketMode } from '../bot/slack/socket-mode.ts';
import { instrumentAgenda } from './observability/index.ts';
import { configOrExit, fail } from './runtime.ts';
import { drainHttp, onShutdown } from './shutdown.ts';

export interface Started {
  url: string;
  /** Where GET /metrics listens (METRICS_PORT), or null when that port could not be bound. */
  metricsUrl: string | null;
  /** Starts the Agenda worker when the role has one and it was deferred (no-op otherwise). */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Shutdown budget: in-flight requests get `httpGraceMs` and running jobs `jobDrainMs` (then they are aborted
 * and their locks released), side by side; the process exits at `hardLimitMs` whatever is left.
 */
/** Connections of the request pool: the ORM pool and the shared pool it replaced had 10 each. */
export const REQUEST_POOL_MAX = 20;

export const shutdownBudget = { httpGraceMs: 5_000, jobDrainMs: 5_000, hardLimitMs: 10_000 };

/**
 * Digests and alerts go to each platform Pulse can post to (DISCORD_API_BASE_URL / SLACK_API_URL honoured):
 * Discord with the bot token; Slack with each workspace's installation (or SLACK_BOT_TOKEN for one workspace).
 * A server Discord reports gone is unlinked (bot/discord/guild-removal.ts).
 */
function deliverersFor(config: Config, deps: BotDeps, log: BotLogger): Deliverers {
  const slackTokens = slackTokenMode(config) ? SlackTokens.fromConfig(config, deps.db, log) : undefined;
  let discord: DiscordDeliverer | undefined;
  if (config.DISCORD_TOKEN) {
    const rest = discordRest({
      token: config.DISCORD_TOKEN,
      apiBase: config.DISCORD_API_BASE_URL,
      onUnknownGuild: (id) => void removal(id, 'unknown_guild'),
    });
    const removal = guildRemoval(deps, rest);
    discord = new DiscordDeliverer(rest, { guildGone: removal });
  }
  return {
    ...(discord ? { discord } : {}),
    ...(slackTokens
      ? {
          slack: new SlackDeliverer({
            clients: new SlackClients({ tokens: slackTokens, apiUrl: config.SLACK_API_URL, log }),
            log,
          }),
        }
      : {}),
  };
}

/** `deferWorker`: serve HTTP now, start the worker later (the demo seeds its company first, so the worker's
 * first scheduled sync does not race the demo's own). */
export async function start(config: Config, opts: { deferWorker?: boolean } = {}): Promise<Started> {
  // One pool with the request limits for everything HTTP serves: readiness, metrics, chat answers, report pages and
  // Pulse's own app events. The worker's jobs have their own pool with the job limits.
  let connectionLost = (_err: Error): void => undefined;
  const db = openPool(config.DATABASE_URL, {
    max: REQUEST_POOL_MAX,
    timeouts: 'request',
    onError: (err) => connectionLost(err),
  });
  // The webhook ingestor writes on two connections of its own (generic plans: core/whop/webhook-ingestor.ts).
  const ingestDb = openIngestPool(config.DATABASE_URL, (err) => connectionLost(err));
  const endPools = () => Promise.all([db.end(), ingestDb.end()]);
  try {
    await assertMigrated(db);
  } catch (err) {
    await endPools();
    if (err instanceof SchemaNotReady) fail(err.message, 1);
    throw err;
  }
  // A process that answers requests opens its kept connections now, not on the first creator's command.
  if (config.PULSE_ROLE === 'web' || config.PULSE_ROLE === 'all') await Promise.all([warmPool(db), warmPool(ingestDb)]);
  const app = await buildApp({ config, db, ingestDb }).catch(async (err: unknown) => {
    await endPools();
    if (err instanceof TrustProxyError) fail(`config: ${err.message}`);
    throw err;
  });
  connectionLost = (err) => app.log.warn({ err: err.message }, 'idle database connection lost');
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const metricsUrl = await listenMetrics(app, config);

  const hasWorker = config.PULSE_ROLE === 'worker' || config.PULSE_ROLE === 'all';
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const begin = async () => {
    if (!hasWorker || worker) return;
    worker = await startWorker({
      config,
      log: app.log,
      drainTimeoutMs: shutdownBudget.jobDrainMs,
      deliverers: deliverersFor(config, app.shared, app.log),
      botDeps: app.shared,
    });
    instrumentAgenda(worker.agenda);
  };
  if (!opts.deferWorker) await begin();

  // Connections for installs without a public URL: the Discord gateway (PULSE_ROLE=gateway, or `all` with a
  // bot token but no interactions public key) and Slack Socket Mode (an app-level token), both answering
  // through the same handlers as the HTTP endpoints.
  const connects = config.PULSE_ROLE === 'gateway' || config.PULSE_ROLE === 'all';
  const wantsGateway =
    config.PULSE_ROLE === 'gateway' ||
    (config.PULSE_ROLE === 'all' && !!config.DISCORD_TOKEN && !config.DISCORD_PUBLIC_KEY);
  const gateway = wantsGateway ? await startGateway(config, app.shared) : undefined;
  const socketMode = connects ? await startSlackSocketMode(app.shared, config, app.log) : null;

  // HTTP stops accepting and the worker drains side by side (each within its budget); then the app's own
  // resources (webhook inbox, shared pools: the worker's digests use them) and last the database.
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = await Promise.allSettled([
        drainHttp(app.server, shutdownBudget.httpGraceMs),
        worker?.stop(),
        gateway?.stop(),
        socketMode?.stop(),
      ]);
      await app.close();
      await endPools();
      removeSignalHandlers();
      const failed = stopped.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    })());
  const removeSignalHandlers = onShutdown(close, { limitMs: shutdownBudget.hardLimitMs });
  return { url: `http://${config.HOST}:${port}`, metricsUrl, startWorker: begin, close };
}

/**
 * /metrics on METRICS_PORT (0: a free port). A port already taken (a second process on one machine) costs the
 * metrics, not the service: logged, and the process serves on.
 */
async function listenMetrics(app: Awaited<ReturnType<typeof buildApp>>, config: Config): Promise<string | null> {
  try {
    await app.metricsApp.listen({ port: config.METRICS_PORT, host: config.HOST });
  } catch (err) {
    app.log.error(
      { port: config.METRICS_PORT, err: err instanceof Error ? err.message : String(err) },
      'metrics listener not started',
    );
    return null;
  }
  const address = app.metricsApp.server.address();
  const url = `http://${config.HOST}:${typeof address === 'object' && address ? address.port : config.METRICS_PORT}/metrics`;
  app.log.info({ url }, 'metrics listening');
  return url;
}

if (import.meta.main) {
  await start(configOrExit());
}
