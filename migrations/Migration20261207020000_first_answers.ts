// First answers: the channel each workspace was set up from (setup_channels, and link_requests.channel_id
// carrying it from /pulse setup to the bind), when a company's first sync with its scores finished
// (first_syncs; companies already synced count as done, so they get no "ready" post), and which link of the
// scoring chain made each model run (churn_model_runs.source).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207020000_first_answers extends Migration {

  override name = 'Migration20261207020000_first_answers';

  override up(): void | Promise<void> {
    this.addSql(`create table "first_syncs" ("company_id" bigint not null, "finished_at" timestamptz not null, primary key ("company_id"));`);
    this.addSql(`alter table "first_syncs" add constraint "first_syncs_company_id_foreign" foreign key ("company_id") references "companies" ("id") on update cascade on delete cascade;`);
    this.addSql(`insert into "first_syncs" ("company_id", "finished_at")
      select company_id, coalesce(max(finished_at), now()) from sync_state where status = 'done' group by company_id;`);

    this.addSql(`create table "setup_channels" ("company_id" bigint not null, "platform" text not null, "external_id" text not null, "channel_id" text not null, "recorded_at" timestamptz not null, primary key ("company_id", "platform", "external_id"));`);
    this.addSql(`alter table "setup_channels" add constraint "setup_channels_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "setup_channels" add constraint "setup_channels_platform_check" check ("platform" in ('discord', 'slack'));`);

    this.addSql(`alter table "link_requests" add "channel_id" text null;`);

    this.addSql(`alter table "churn_model_runs" add "source" text null;`);
    this.addSql(`update "churn_model_runs" set "source" = case when "company_id" is null then 'pooled' else 'company' end;`);
    this.addSql(`alter table "churn_model_runs" alter column "source" set not null;`);

    this.addSql(`alter table "content_items" add "whop_view_count" int null, add "whop_like_count" int null, add "whop_comment_count" int null, add "engagement_seen_at" timestamptz null;`);
  }

}
