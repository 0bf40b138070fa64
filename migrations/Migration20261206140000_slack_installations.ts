// Slack OAuth v2 distribution: one row per installation (a workspace, or an Enterprise Grid organization for an
// org-wide install) with its bot token sealed under a key derived from PULSE_SECRET, and the pending OAuth
// states of installs in progress (single use; what the install carries, sealed).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261206140000_slack_installations extends Migration {

  override name = 'Migration20261206140000_slack_installations';

  override up(): void | Promise<void> {
    this.addSql(`create table "slack_installations" ("installation_key" text not null, "team_id" text null, "enterprise_id" text null, "is_enterprise_install" boolean not null default false, "app_id" text null, "bot_id" text null, "bot_user_id" text not null, "bot_scopes" text[] not null default '{}', "bot_token_enc" bytea not null, "installed_by" text null, "installed_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("installation_key"));`);
    this.addSql(`create index "slack_installations_enterprise_id_index" on "slack_installations" ("enterprise_id");`);
    this.addSql(`create table "slack_oauth_states" ("id" text not null, "options_enc" bytea not null, "created_at" timestamptz not null default current_timestamp, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "slack_oauth_states_expires_at_index" on "slack_oauth_states" ("expires_at");`);
  }

}
