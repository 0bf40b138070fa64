// members.discord_user_id: the member's Discord account, when known, so Discord activity counted by the
// gateway maps to the member; unique per company.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126091500_member_discord_user extends Migration {

  override name = 'Migration20261126091500_member_discord_user';

  override up(): void | Promise<void> {
    this.addSql(`alter table "members" add column "discord_user_id" text null;`);
    this.addSql(`create unique index "members_company_id_discord_user_id_unique" on "members" ("company_id", "discord_user_id") where discord_user_id is not null;`);
  }

}
