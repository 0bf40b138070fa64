import { createMigration, migrateUp } from '../../core/db/migrate.ts';
import type { Verb } from './verbs.ts';

export const migrateVerb: Verb = {
  summary: 'apply pending migrations (or create an empty one)',
  options: { create: { type: 'string', value: '<name>', help: 'write a new migration named <name> from the entity diff instead of migrating' } },
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
