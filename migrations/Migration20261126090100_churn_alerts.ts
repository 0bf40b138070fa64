// churn_alerts: members' risk episodes (critical/high until a scoring below high), so each alerts once.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126090100_churn_alerts extends Migration {

  override name = 'Migration20261126090100_churn_alerts';

  override up(): void | Promise<void> {
    this.addSql(`create table "churn_alerts" ("id" bigserial primary key, "company_id" bigint not null, "member_id" bigint not null, "prediction_id" bigint not null, "risk" text check ("risk" in ('critical', 'high', 'medium', 'low')) not null, "started_at" timestamptz not null, "ended_at" timestamptz null, "created_at" timestamptz not null default current_timestamp);`);
    this.addSql(`create unique index "churn_alerts_open_episode_unique" on "churn_alerts" ("company_id", "member_id") where ended_at is null;`);

    this.addSql(`alter table "churn_alerts" add constraint "churn_alerts_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "churn_alerts" add constraint "churn_alerts_member_id_foreign" foreign key ("member_id") references "members" ("id") on delete cascade;`);
    this.addSql(`alter table "churn_alerts" add constraint "churn_alerts_prediction_id_foreign" foreign key ("prediction_id") references "churn_predictions" ("id") on delete cascade;`);
  }

}
