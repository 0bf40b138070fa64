// A company's life as a Whop app install: the installation that brought it (app_installation.created), when it
// was uninstalled, when Whop refused a read for a missing permission (needs the creator's re-approval), the
// Pulse membership that sets its tier, and a pending erase (uninstall, /pulse erase or `pulse company erase`:
// everything stops at once, rows are deleted once `erase_after` has passed).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080000_company_lifecycle extends Migration {

  override name = 'Migration20261206080000_company_lifecycle';

  override up(): void | Promise<void> {
    this.addSql(`alter table "companies" add column "whop_installation_id" text null, add column "installed_at" timestamptz null, add column "uninstalled_at" timestamptz null, add column "needs_reapproval_at" timestamptz null, add column "needs_reapproval_reason" text null, add column "tier_membership_id" text null, add column "tier_checked_at" timestamptz null, add column "erase_requested_at" timestamptz null, add column "erase_after" timestamptz null;`);
    this.addSql(`create unique index "companies_whop_installation_id_unique" on "companies" ("whop_installation_id") where whop_installation_id is not null;`);
    this.addSql(`create index "companies_erase_after_index" on "companies" ("erase_after") where erase_after is not null;`);
  }

}
