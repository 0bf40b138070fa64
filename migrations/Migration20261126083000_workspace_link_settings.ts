// workspace_links: the staff channel opt-in, activity capture opt-in, who linked it and when it changed.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126083000_workspace_link_settings extends Migration {

  override name = 'Migration20261126083000_workspace_link_settings';

  override up(): void | Promise<void> {
    this.addSql(`alter table "workspace_links" add column "staff_channel_id" text null, add column "capture_activity" boolean not null default false, add column "linked_by" text null, add column "updated_at" timestamptz not null default current_timestamp;`);
  }

}
