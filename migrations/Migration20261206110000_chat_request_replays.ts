// Signed chat requests already taken (Discord interaction ids, Slack signatures), so a replay inside the
// signature window is answered once by whichever web machine receives it.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261206110000_chat_request_replays extends Migration {

  override name = 'Migration20261206110000_chat_request_replays';

  override up(): void | Promise<void> {
    this.addSql(`create table "chat_request_replays" ("key" text not null, "expires_at" timestamptz not null, primary key ("key"));`);
    this.addSql(`create index "chat_request_replays_expires_at_index" on "chat_request_replays" ("expires_at");`);
  }

}
