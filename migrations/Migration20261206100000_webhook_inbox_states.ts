// webhook_inbox: each event's state (pending / failed / applied / ignored / dead), so events that can never apply
// are settled and pruned instead of being read again by every sync, and the index a sync's replay reads its
// company's open events by. Existing rows: applied ones stay applied without a table rewrite (the column is added
// with that default, then the default becomes 'pending'); unapplied ones are classified from their error and
// attempts as the code did (ignored type; unknown company = pending; a real error = failed, dead after 8 attempts).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261206100000_webhook_inbox_states extends Migration {

  override name = 'Migration20261206100000_webhook_inbox_states';

  override up(): void | Promise<void> {
    this.addSql(`alter table "webhook_inbox" add column "state" text check ("state" in ('pending', 'failed', 'applied', 'ignored', 'dead')) not null default 'applied';`);
    this.addSql(`update "webhook_inbox" set "state" = case
      when error like 'not applied: event type%' then 'ignored'
      when error is null or error like 'not applied:%' then 'pending'
      when attempts >= 8 then 'dead'
      else 'failed' end
      where applied_at is null;`);
    this.addSql(`alter table "webhook_inbox" alter column "state" set default 'pending';`);
    this.addSql(`create index "webhook_inbox_open_whop_company_id_id_index" on "webhook_inbox" ("whop_company_id", "id") where state in ('pending', 'failed');`);
  }

}
