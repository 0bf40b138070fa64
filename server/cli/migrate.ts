import { createMigration, migrateUp } from '../../core/db/migrate.ts';
import type { Verb } from './verbs.ts';

export const migrateVerb: Verb = {
  options: { create: { type: 'string' } },
  needSecret: false,
  handler: async (config, values) => {
    if (typeof values.create === 'string') {
      const file = await createMigration(config.DATABASE_URL, values.create);
      process.stdout.write(`created ${file}\n`);
      return;
    }
    const applied = await migrateUp(config.DATABASE_URL);
    process.stdout.write(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'database is up to date\n');
  },
};
