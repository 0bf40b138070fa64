// The Fastify app as a factory: routes and hooks only; main.ts starts it, tests inject into it.
import Fastify, { type FastifyInstance } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../core/config.ts';
import { healthRoutes } from './routes/health.ts';
import { whopWebhookRoutes } from './routes/webhooks.ts';
import { registerErrorHandler } from './errors.ts';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  logger?: boolean | object;
}

/** Log lines never carry secrets: auth and signature headers are redacted. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers["webhook-signature"]',
  'req.headers["x-signature-ed25519"]',
  'req.headers["x-slack-signature"]',
  'req.headers.cookie',
];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.LOG_LEVEL, redact: redactPaths },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  registerErrorHandler(app);
  await app.register(healthRoutes, { orm: deps.orm });
  await app.register(whopWebhookRoutes, { config: deps.config, orm: deps.orm });
  return app;
}
