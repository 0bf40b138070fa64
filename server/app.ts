// The Fastify app as a factory: routes and hooks only; main.ts starts it, tests inject into it.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Config } from '../core/config.ts';
import type { IngestorOptions } from '../core/whop/webhook-ingestor.ts';
import { healthRoutes } from './routes/health.ts';
import { whopWebhookRoutes } from './routes/webhooks.ts';
import { registerErrorHandler } from './errors.ts';
import { buildSharedDeps, type SharedDeps } from './bot-deps.ts';
import { discordRoutes } from './routes/discord.ts';
import { slackRoutes } from './routes/slack.ts';
import { reportRoutes } from './routes/reports.ts';
import { upgradeRoutes } from './routes/upgrade.ts';
import { linkRoutes } from './routes/link.ts';
import { whopDashboardRoutes } from './routes/whop-dashboard.ts';
import { slackInstallRoutes } from './routes/slack-install.ts';
import { discordInstallRoutes } from './routes/discord-install.ts';
import { discordEventRoutes } from './routes/discord-events.ts';
import { buildMetricsApp, observability, observabilityServerOptions } from './observability/index.ts';
import { clientAddressFor, fastifyTrustProxy, parseTrustProxy } from './edge/client-address.ts';
import { edgeRateLimits, type EdgeGroup, type EdgeLimit } from './edge/rate-limits.ts';

export interface AppDeps {
  config: Config;
  /** The process's request pool (core/db/pool.ts): webhooks, readiness, metrics, chat and report pages share it. */
  db: pg.Pool;
  logger?: boolean | object;
  /** Clock for chat answers and report pages (tests pin it); default the system clock. */
  now?: () => Date;
  /** Per-address limits of the public endpoints (server/edge/rate-limits.ts defaults). */
  rateLimits?: Partial<Record<EdgeGroup, EdgeLimit>>;
  /** Bounds of the Whop webhook ingestor (core/whop/webhook-ingestor.ts defaults). */
  webhookIngestor?: IngestorOptions;
  /** The webhook ingestor's own connections (openIngestPool: generic plans); default `db`. The caller ends it. */
  ingestDb?: pg.Pool;
  /** Milliseconds clock of the /readyz cache; default Date.now. */
  readyClock?: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Database pool, clock, report links and coach shared by the chat and report routes. */
    shared: SharedDeps;
    /** GET /metrics, to be listened on METRICS_PORT (main.ts); closed with this app. */
    metricsApp: FastifyInstance;
    /** The client's address as TRUST_PROXY says to read it (server/edge/client-address.ts). */
    clientAddress(req: FastifyRequest): string;
  }
}

/**
 * Socket limits: the whole request must arrive within `requestTimeout` (a client trickling headers or a body
 * cannot hold a connection), and a connection with no traffic for `connectionTimeout` is closed (above Node's
 * 72 s keep-alive, which closes idle keep-alive connections first).
 */
export const httpTimeouts = { requestTimeout: 30_000, connectionTimeout: 75_000 };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const trust = parseTrustProxy(deps.config.TRUST_PROXY);
  const clientAddress = clientAddressFor(trust);
  // Logger with request ids and scrubbing of secrets, tokens and emails (server/observability/logging.ts).
  const app = Fastify({
    ...observabilityServerOptions(deps.config.LOG_LEVEL, deps.logger),
    ...httpTimeouts,
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(trust),
  });
  registerErrorHandler(app);
  app.decorate('clientAddress', clientAddress);
  const metricsApp = buildMetricsApp(deps.db);
  app.decorate('metricsApp', metricsApp);
  app.addHook('onClose', () => metricsApp.close());
  await app.register(observability);
  // Before the routes: its onRequest hook answers 429 before any body is read or signature checked.
  await app.register(edgeRateLimits, { clientAddress, limits: deps.rateLimits });
  await app.register(healthRoutes, { db: deps.db, clock: deps.readyClock });
  await app.register(whopWebhookRoutes, {
    config: deps.config,
    db: deps.db,
    ingestDb: deps.ingestDb,
    ingestor: deps.webhookIngestor,
  });
  const shared = buildSharedDeps(deps.config, app.log, { now: deps.now, db: deps.db });
  app.decorate('shared', shared);
  app.addHook('onClose', () => shared.close());
  await app.register(discordRoutes, { shared });
  await app.register(slackRoutes, { shared });
  await app.register(reportRoutes, { shared });
  await app.register(upgradeRoutes, { shared });
  await app.register(linkRoutes, { shared });
  await app.register(whopDashboardRoutes, { shared });
  await app.register(slackInstallRoutes, { shared });
  await app.register(discordInstallRoutes, { shared });
  await app.register(discordEventRoutes, { shared });
  return app;
}
