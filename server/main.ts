// Entry point: start the roles PULSE_ROLE asks for on a migrated database.
import type { Config } from '../core/config.ts';
import { openOrm } from '../core/db/orm.ts';
import { assertMigrated } from '../core/db/migrate.ts';
import { SchemaNotReady } from '../core/errors.ts';
import { buildApp } from './app.ts';
import { startWorker } from './jobs/worker.ts';
import { configOrExit, fail, onShutdown } from './runtime.ts';

export interface Started {
  url: string;
  /** Starts the Agenda worker when the role has one and it was deferred (no-op otherwise). */
  startWorker(): Promise<void>;
  close(): Promise<void>;
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
    if (hasWorker && !worker) worker = await startWorker({ config, orm, log: app.log });
  };
  if (!opts.deferWorker) await begin();
  const close = async () => {
    await worker?.stop();
    await app.close();
    await orm.close();
  };
  onShutdown(close);
  return { url: `http://${config.HOST}:${port}`, startWorker: begin, close };
}

if (import.meta.main) {
  await start(configOrExit());
}
