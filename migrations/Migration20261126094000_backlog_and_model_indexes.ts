// Indexes for the unapplied webhook backlog and each company's latest churn model (metrics gauges, replay, status).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126094000_backlog_and_model_indexes extends Migration {

  override name = 'Migration20261126094000_backlog_and_model_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "webhook_inbox_unapplied_received_at_index" on "webhook_inbox" ("received_at") where applied_at is null;`);
    this.addSql(`create index "churn_model_runs_company_id_trained_at_index" on "churn_model_runs" ("company_id", "trained_at");`);
  }

}
