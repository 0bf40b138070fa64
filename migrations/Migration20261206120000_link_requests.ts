// Linking with proof: pending /pulse setup link requests (the /link/<token> page, its PKCE verifier, the Whop
// user who signed in and the company bound) and the install grants already redeemed (single use).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120000_link_requests extends Migration {

  override name = 'Migration20261206120000_link_requests';

  override up(): void | Promise<void> {
    this.addSql(`create table "link_requests" ("id" uuid not null, "platform" text not null, "external_id" text not null, "requested_by" text not null, "code_verifier" text null, "browser_hash" text null, "whop_user_id" text null, "company_id" bigint null, "created_at" timestamptz not null default current_timestamp, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "link_requests_expires_at_index" on "link_requests" ("expires_at");`);
    this.addSql(`alter table "link_requests" add constraint "link_requests_platform_check" check ("platform" in ('discord', 'slack'));`);
    this.addSql(`alter table "link_requests" add constraint "link_requests_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`create table "install_grant_redemptions" ("grant_id" uuid not null, "company_id" bigint not null, "whop_user_id" text not null, "expires_at" timestamptz not null, "redeemed_at" timestamptz not null, primary key ("grant_id"));`);
    this.addSql(`create index "install_grant_redemptions_expires_at_index" on "install_grant_redemptions" ("expires_at");`);
    this.addSql(`alter table "install_grant_redemptions" add constraint "install_grant_redemptions_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
  }

}
