// deliveries: the ledger's state per delivery (claimed / posted / failed), attempts, last error, posting time.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126083100_delivery_status extends Migration {

  override name = 'Migration20261126083100_delivery_status';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deliveries" add column "status" text check ("status" in ('claimed', 'posted', 'failed')) not null default 'claimed', add column "attempts" int not null default 0, add column "error" text null, add column "posted_at" timestamptz null;`);
  }

}
