// Webhook bodies that make a row over ~2 KB are compressed when stored (a quarter of Whop's events); PostgreSQL's
// default method, pglz, was 4% of the database's time per webhook batch. lz4 compresses several times faster at a
// similar ratio. Only rows written from now on use it (nothing is rewritten). A server built without lz4 keeps
// pglz: the change is skipped with a notice.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070100_inbox_payload_lz4 extends Migration {

  override name = 'Migration20261207070100_inbox_payload_lz4';

  override up(): void | Promise<void> {
    this.addSql(`do $lz4$
begin
  alter table webhook_inbox alter column payload set compression lz4;
exception when feature_not_supported then
  raise notice 'this PostgreSQL has no lz4: webhook bodies stay compressed with pglz';
end
$lz4$;`);
  }

}
