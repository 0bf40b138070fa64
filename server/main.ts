// Entry point: start the roles PULSE_ROLE asks for on a migrated database.
import type { Config } from '../core/config.ts';
import { openOrm } from '../core/db/orm.ts';
import { assertMigrated } from '../core/db/migrate.ts';
import { SchemaNotReady } from '../core/errors.ts';
import { buildApp } from './app.ts';
import { configOrExit, fail, onShutdown } from './runtime.ts';

export async function start(config: Config): Promise<{ url: string; close(): Promise<void> }> {
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
  const close = async () => {
    await app.close();
    await orm.close();
  };
  onShutdown(close);
  return { url: `http://${config.HOST}:${port}`, close };
}

if (import.meta.main) {
  await start(configOrExit());
}
