// vitest globalSetup: make sure a migrated template database exists for the current migrations/
// (built once, reused across runs, safe when several runs start together), then hand its name to the
// workers. Each suite clones it (test/helpers/db.ts); this run's clones are dropped at the end.
import type pg from 'pg';
import type { TestProject } from 'vitest/node';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import {
  cloneRunTime,
  databaseExists,
  databasesLike,
  defaultAdminUrl,
  dropDatabase,
  newRunId,
  retryWhileBusy,
  templateDatabaseName,
  withAdmin,
} from './test-databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pulseAdminDatabaseUrl: string;
    pulseTemplateDatabase: string;
    pulseTestRunId: string;
  }
}

const TEMPLATE_LOCK_KEY = 7_317_842_002;
const STALE_CLONE_MS = 24 * 60 * 60 * 1000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.DATABASE_URL || defaultAdminUrl;
  const template = templateDatabaseName();
  const runId = newRunId();

  await withAdmin(adminUrl, async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      if (!(await databaseExists(admin, template))) await buildTemplate(adminUrl, template);
      for (const old of await databasesLike(admin, 'pulse\\_tpl\\_%')) {
        // Another checkout (another branch, a colleague's run) may be using a template of other migrations right
        // now: only templates unused for a day go. Without FORCE: one being cloned this instant stays anyway.
        if (old === template) continue;
        const builtAt = await templateBuiltAt(admin, old);
        if (builtAt === undefined || Date.now() - builtAt > STALE_CLONE_MS)
          await admin.query(`drop database if exists ${quoteIdent(old)}`).catch(() => undefined);
      }
      await admin.query(`comment on database ${quoteIdent(template)} is '${Date.now()}'`);
      for (const clone of await databasesLike(admin, 'pulse\\_t\\_%')) {
        const startedAt = cloneRunTime(clone);
        if (startedAt !== undefined && Date.now() - startedAt > STALE_CLONE_MS) await dropDatabase(admin, clone);
      }
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });

  project.provide('pulseAdminDatabaseUrl', adminUrl);
  project.provide('pulseTemplateDatabase', template);
  project.provide('pulseTestRunId', runId);

  return async () => {
    await withAdmin(adminUrl, async (admin) => {
      for (const clone of await databasesLike(admin, `pulse\\_t\\_${runId}\\_%`)) await dropDatabase(admin, clone);
    });
  };
}

/** When a template was last chosen by a run (ms), from its database comment. */
async function templateBuiltAt(admin: pg.Client, name: string): Promise<number | undefined> {
  const res = await admin.query<{ note: string | null }>(
    `select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`,
    [name],
  );
  const note = res.rows[0]?.note;
  return note && /^\d+$/.test(note) ? Number(note) : undefined;
}

/** Migrate under a scratch name, then rename: a half-built template is never mistaken for a good one. */
async function buildTemplate(adminUrl: string, template: string): Promise<void> {
  const building = `${template}_build`;
  await withAdmin(adminUrl, async (admin) => {
    await dropDatabase(admin, building);
    await admin.query(`create database ${quoteIdent(building)}`);
  });
  await migrateUp(withDatabaseName(adminUrl, building));
  await withAdmin(adminUrl, async (admin) => {
    await retryWhileBusy(() => admin.query(`alter database ${quoteIdent(building)} rename to ${quoteIdent(template)}`));
    // Nobody can connect to the template, so CREATE DATABASE ... TEMPLATE never finds it busy.
    await admin.query(`alter database ${quoteIdent(template)} allow_connections false`);
  });
}
