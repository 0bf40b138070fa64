// Engagement rollups (core/engagement): per company and day, the counted members' score total and activity
// buckets; activity per 15-minute UTC slot (for the weekday x hour map); engagement_daily read by day; and two
// partial covering indexes over content interactions (core/content), which are a few % of activity_events.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126065854_engagement_rollups extends Migration {

  override name = 'Migration20261126065854_engagement_rollups';

  override up(): void | Promise<void> {
    this.addSql(`create table "activity_slots" ("company_id" bigint not null, "slot" timestamptz not null, "events" int not null default 0, primary key ("company_id", "slot"));`);

    this.addSql(`create table "engagement_company_daily" ("company_id" bigint not null, "day" date not null, "members" int not null default 0, "score_sum" bigint not null default '0', "active" int not null default 0, "idle" int not null default 0, "dormant" int not null default 0, primary key ("company_id", "day"));`);

    this.addSql(`create index "engagement_daily_company_id_day_member_id_index" on "engagement_daily" ("company_id", "day", "member_id") include ("score", "last_activity_at");`);

    this.addSql(`create index "activity_events_content_by_time_index" on "activity_events" ("company_id", "occurred_at") include ("member_id", "content_item_id", "kind") where content_item_id is not null;`);
    this.addSql(`create index "activity_events_content_by_member_index" on "activity_events" ("company_id", "member_id", "occurred_at") include ("content_item_id", "kind") where content_item_id is not null;`);

    this.addSql(`alter table "activity_slots" add constraint "activity_slots_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);

    this.addSql(`alter table "engagement_company_daily" add constraint "engagement_company_daily_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
  }

}
