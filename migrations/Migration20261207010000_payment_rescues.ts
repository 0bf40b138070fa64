// Failed-payment rescue (core/rescue): the episodes table, Whop's attempt count and last/next attempt on payments,
// and an index of unpaid failures for the rescue scan's look across companies.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207010000_payment_rescues extends Migration {

  override name = 'Migration20261207010000_payment_rescues';

  override up(): void | Promise<void> {
    this.addSql(`create table "payment_rescues" ("company_id" bigint not null, "id" bigserial not null, "membership_id" bigint not null, "member_id" bigint null, "plan_id" bigint null, "payment_id" bigint not null, "started_at" timestamptz not null, "attempts" int not null, "amount_minor" bigint not null, "currency" text not null, "mrr_minor" bigint null, "failure_message" text null, "last_attempt_at" timestamptz null, "next_attempt_at" timestamptz null, "outcome" text not null default 'open', "outcome_at" timestamptz null, "contacted_at" timestamptz null, "contacted_by" text null, "resolved_at" timestamptz null, "resolved_by" text null, "snoozed_until" timestamptz null, "snoozed_by" text null, "version" int not null default 1, "shown_version" int not null default 0, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, primary key ("company_id", "id"));`);
    this.addSql(`create index "payment_rescues_company_id_started_at_index" on "payment_rescues" ("company_id", "started_at");`);
    this.addSql(`create index "payment_rescues_company_id_outcome_at_index" on "payment_rescues" ("company_id", "outcome_at") where outcome_at is not null;`);
    this.addSql(`create index "payment_rescues_unshown_index" on "payment_rescues" ("company_id") where version > shown_version;`);
    this.addSql(`create unique index "payment_rescues_open_episode_unique" on "payment_rescues" ("company_id", "membership_id") where outcome = 'open';`);

    this.addSql(`alter table "payments" add "attempts" int null, add "last_attempt_at" timestamptz null, add "next_attempt_at" timestamptz null;`);
    this.addSql(`create index "payments_unpaid_failures_index" on "payments" ("failed_at") where failed_at is not null and paid_at is null;`);

    this.addSql(`alter table "payment_rescues" add constraint "payment_rescues_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "payment_rescues" add constraint "payment_rescues_outcome_check" check ("outcome" in ('open', 'recovered', 'lost'));`);
  }

}
