// content_progress (core/content): each member's first interaction, completion and latest interaction per
// content item, kept by the content rollup; reports find a period's starters through (company_id, started_at).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126070743_content_progress extends Migration {

  override name = 'Migration20261126070743_content_progress';

  override up(): void | Promise<void> {
    this.addSql(`create table "content_progress" ("company_id" bigint not null, "member_id" bigint not null, "content_item_id" bigint not null, "started_at" timestamptz not null, "completed_at" timestamptz null, "last_at" timestamptz not null, primary key ("company_id", "member_id", "content_item_id"));`);
    this.addSql(`create index "content_progress_company_id_started_at_index" on "content_progress" ("company_id", "started_at") include ("member_id", "content_item_id", "completed_at");`);

    this.addSql(`alter table "content_progress" add constraint "content_progress_company_id_foreign" foreign key ("company_id") references "companies" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "content_progress" add constraint "content_progress_member_id_foreign" foreign key ("member_id") references "members" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "content_progress" add constraint "content_progress_content_item_id_foreign" foreign key ("content_item_id") references "content_items" ("id") on update cascade on delete cascade;`);
  }

}
