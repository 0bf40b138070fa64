import { createMigration, migrateUp } from '../../core/db/migrate.ts';
import type { VerbHandler } from './types.ts';

export const run: VerbHandler = async (config, values) => {
  if (typeof values.create === 'string') {
    const file = await createMigration(config.DATABASE_URL, values.create);
    process.stdout.write(`created ${file}\n`);
    return;
  }
  const applied = await migrateUp(config.DATABASE_URL);
  process.stdout.write(
    applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'database is up to date\n',
  );
};
