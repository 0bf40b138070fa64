// The MikroORM configuration: PostgreSQL, the entities of core/db/entities, TypeScript migrations in
// migrations/ run directly by Node (type stripping) or vitest. Agenda's tables are not the ORM's.
// The ORM serves `pulse migrate`, `--create` and the drift test only; requests and jobs use pool.ts (README.md).
import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities/index.ts';
import { ForwardOnlyMigrationGenerator } from './forward-only-generator.ts';
import { timeoutOptions } from './pool.ts';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Tables created by the Agenda migration and left alone by the schema diff. */
export const agendaTables = ['agenda_jobs', 'agenda_logs'];

export function ormConfig(databaseUrl: string): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    debug: false,
    colors: false,
    // Opening the ORM has no side effect: `pulse migrate` creates a missing database, nothing else does.
    ensureDatabase: false,
    pool: { min: 0, max: 10 },
    // Merged into the pg.Pool options by the PostgreSQL driver: the job limits (an index on a large table may
    // take minutes).
    driverOptions: timeoutOptions('job'),
    // Functions are written by hand in migrations (pulse_abort), not described by entities: the drift check
    // leaves them alone (test/whop covers what they do).
    schemaGenerator: { skipTables: agendaTables, ignoreRoutines: true },
    migrations: {
      path: migrationsFolder,
      pathTs: migrationsFolder,
      glob: 'Migration*.ts',
      emit: 'ts',
      generator: ForwardOnlyMigrationGenerator,
      // Snapshots would be written into migrations/ on every `up`; diffs are taken against the database.
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
  };
}

export function openOrm(databaseUrl: string): Promise<MikroORM> {
  return MikroORM.init(ormConfig(databaseUrl));
}
