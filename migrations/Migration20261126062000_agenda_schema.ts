// Agenda's tables (jobs and job logs), created once here so workers start with `ensureSchema: false`
// (two workers creating them at the same moment crash one: docs/toolchain.md#agenda-6-on-postgresql).
// The SQL is @agendajs/postgres-backend's own (the functions its ensureSchema runs), imported from the
// pinned 3.0.6. When upgrading that package, compare its dist/schema.js and PostgresJobLogger.js with what
// this migration created and add a new migration for any difference: this one has already run.
import {
  getCreateIndexesSQL,
  getCreateLogsIndexesSQL,
  getCreateLogsTableSQL,
  getCreateTableSQL,
  getUpdateTimestampTriggerSQL,
} from '@agendajs/postgres-backend';
import { Migration } from '@mikro-orm/migrations';

const jobsTable = 'agenda_jobs';
const logsTable = 'agenda_logs';

export class Migration20261126062000_agenda_schema extends Migration {
  override name = 'Migration20261126062000_agenda_schema';

  override up(): void {
    this.addSql(getCreateTableSQL(jobsTable));
    for (const sql of getCreateIndexesSQL(jobsTable)) this.addSql(sql);
    this.addSql(getUpdateTimestampTriggerSQL(jobsTable));
    this.addSql(getCreateLogsTableSQL(logsTable));
    for (const sql of getCreateLogsIndexesSQL(logsTable)) this.addSql(sql);
  }
}
