// coach_conversations: the channel a conversation belongs to, the user's recent questions (per-user rate limit),
// and an index for finding a user's conversations in a company.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126084033_coach_channel_and_rate extends Migration {

  override name = 'Migration20261126084033_coach_channel_and_rate';

  override up(): void | Promise<void> {
    this.addSql(`alter table "coach_conversations" add "channel_ref" text not null default '', add "recent_asks" jsonb not null default '[]';`);
    this.addSql(`create index "coach_conversations_company_id_user_ref_index" on "coach_conversations" ("company_id", "user_ref");`);
  }

}
