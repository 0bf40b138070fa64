// churn_outreach: one row per "Reach out" click on a churn row — what was sent to the member, where, and by whom.
// Keyed by (company_id, click_key) so a click sends at most once.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207030000_churn_outreach extends Migration {

  override name = 'Migration20261207030000_churn_outreach';

  override up(): void | Promise<void> {
    this.addSql(`create table "churn_outreach" ("company_id" bigint not null, "click_key" text not null, "prediction_id" bigint not null, "member_id" bigint not null, "status" text not null, "channel" text null, "message" text not null, "reason" text null, "external_id" text null, "sent_by" text not null, "created_at" timestamptz not null default current_timestamp, "finished_at" timestamptz null, primary key ("company_id", "click_key"));`);
    this.addSql(`create index "churn_outreach_company_id_member_id_created_at_index" on "churn_outreach" ("company_id", "member_id", "created_at");`);
    this.addSql(`create index "churn_outreach_company_id_prediction_id_index" on "churn_outreach" ("company_id", "prediction_id");`);

    this.addSql(`alter table "churn_outreach" add constraint "churn_outreach_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "churn_outreach" add constraint "churn_outreach_status_check" check ("status" in ('sending', 'sent', 'not_sent', 'unknown'));`);
    this.addSql(`alter table "churn_outreach" add constraint "churn_outreach_channel_check" check ("channel" in ('whop', 'discord', 'copy'));`);
  }

}
