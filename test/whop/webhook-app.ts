// The real Fastify app (buildApp) on a world's database, listening on a loopback port, with a webhook secret.
import type { AddressInfo } from 'node:net';
import { Agent } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { buildApp } from '../../server/app.ts';
import { REQUEST_POOL_MAX } from '../../server/main.ts';
import type { WebhookTarget } from '../../demo/fake-whop/webhook-sender.ts';

export const TEST_WEBHOOK_SECRET = 'ws_5f1c0ffee7a1b2c3d4e5f60718293a4b';

export interface WebhookApp {
  app: FastifyInstance;
  db: pg.Pool;
  url: string;
  target: WebhookTarget;
  close(): Promise<void>;
}

export async function startWebhookApp(databaseUrl: string, secret = TEST_WEBHOOK_SECRET): Promise<WebhookApp> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PULSE_SECRET: 'test-pulse-secret-0123456789abcdef0123',
    WHOP_WEBHOOK_SECRET: secret,
    WHOP_API_BASE_URL: 'http://127.0.0.1:9/api/v1',
    LOG_LEVEL: 'silent',
  });
  const db = openPool(databaseUrl, { max: REQUEST_POOL_MAX, timeouts: 'request' });
  const app = await buildApp({ config, db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/webhooks/whop`;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    app,
    db,
    url,
    target: { url, secret, agent },
    close: async () => {
      agent.destroy();
      await app.close();
      await db.end();
    },
  };
}
