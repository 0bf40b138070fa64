// pulse_abort(reason): raises SQLSTATE PA001 with the reason. A statement that checks its own outcome calls it to
// undo itself: the webhook batch statement (core/whop/webhook-batch.ts) runs alone, outside BEGIN/COMMIT, and
// aborts when a membership in it could not be applied yet, so the batch leaves nothing behind and its events take
// the single-event path. One round trip per batch instead of three.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070000_statement_abort extends Migration {

  override name = 'Migration20261207070000_statement_abort';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function pulse_abort(reason text) returns int language plpgsql volatile as $$
begin
  raise exception using errcode = 'PA001', message = reason;
end
$$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists pulse_abort(text);`);
  }

}
