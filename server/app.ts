// The Fastify app as a factory: routes and hooks only; main.ts starts it, tests inject into it.
import Fastify, { type FastifyInstance } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../core/config.ts';
import { healthRoutes } from './routes/health.ts';
import { whopWebhookRoutes } from './routes/webhooks.ts';
import { registerErrorHandler } from './errors.ts';
import { buildSharedDeps, type SharedDeps } from './bot-deps.ts';
import { discordRoutes } from './routes/discord.ts';
import { slackRoutes } from './routes/slack.ts';
import { reportRoutes } from './routes/reports.ts';
import { observability, observabilityServerOptions } from './observability/index.ts';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  logger?: boolean | object;
  /** Clock for chat answers and report pages (tests pin it); default the system clock. */
  now?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Database pool, clock, report links and coach shared by the chat and report routes. */
    shared: SharedDeps;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Logger with request ids and scrubbing of secrets, tokens and emails (server/observability/logging.ts).
  const app = Fastify({ ...observabilityServerOptions(deps.config.LOG_LEVEL, deps.logger), bodyLimit: 1024 * 1024, trustProxy: true });
  registerErrorHandler(app);
  await app.register(observability);
  await app.register(healthRoutes, { orm: deps.orm });
  await app.register(whopWebhookRoutes, { config: deps.config, orm: deps.orm });
  const shared = buildSharedDeps(deps.config, app.log, { now: deps.now });
  app.decorate('shared', shared);
  app.addHook('onClose', () => shared.close());
  await app.register(discordRoutes, { shared });
  await app.register(slackRoutes, { shared });
  await app.register(reportRoutes, { shared });
  return app;
}
