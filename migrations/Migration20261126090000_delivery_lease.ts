// deliveries: the ledger's lease (a claimed row no other worker may take before lease_until; also the retry
// time after a transient error), the workspace link it posts to, and the payload a retry re-posts.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126090000_delivery_lease extends Migration {

  override name = 'Migration20261126090000_delivery_lease';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deliveries" add "lease_until" timestamptz null, add "workspace_link_id" bigint null, add "payload" jsonb null;`);
    this.addSql(`alter table "deliveries" add constraint "deliveries_workspace_link_id_foreign" foreign key ("workspace_link_id") references "workspace_links" ("id") on delete set null;`);
    this.addSql(`create index "deliveries_claimed_lease_until_index" on "deliveries" ("lease_until") where status = 'claimed';`);
  }

}
