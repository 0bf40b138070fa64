// The revenue rollup (core/revenue): per-customer MRR spans, failed payments per day, and the instant each company's rollup was built as of.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261126062800_revenue_rollup extends Migration {

  override name = 'Migration20261126062800_revenue_rollup';

  override up(): void | Promise<void> {
    this.addSql(`create table "customer_mrr_spans" ("company_id" bigint not null, "member_id" bigint not null, "from_day" date not null, "to_day" date null, "mrr_minor" bigint not null, "past_due_minor" bigint not null default '0', "prev_mrr_minor" bigint not null default '0', "next_mrr_minor" bigint null, "streak_from_day" date not null, "first_mrr" boolean not null, "churn_day" date null, primary key ("company_id", "member_id", "from_day"));`);
    this.addSql(`create index "customer_mrr_spans_company_id_from_day_index" on "customer_mrr_spans" ("company_id", "from_day");`);
    this.addSql(`create index "customer_mrr_spans_company_id_to_day_index" on "customer_mrr_spans" ("company_id", "to_day");`);

    this.addSql(`create table "payment_failures_daily" ("company_id" bigint not null, "day" date not null, "failed" int not null default 0, "failed_minor" bigint not null default '0', "recovered" int not null default 0, "recovered_minor" bigint not null default '0', primary key ("company_id", "day"));`);

    this.addSql(`create table "revenue_rollups" ("company_id" bigint not null, "as_of" timestamptz not null, "built_at" timestamptz not null, "first_day" date null, "last_day" date not null, "spans" int not null default 0, "build_ms" int not null default 0, primary key ("company_id"));`);

    this.addSql(`alter table "customer_mrr_spans" add constraint "customer_mrr_spans_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "customer_mrr_spans" add constraint "customer_mrr_spans_member_id_foreign" foreign key ("member_id") references "members" ("id") on delete cascade;`);

    this.addSql(`alter table "payment_failures_daily" add constraint "payment_failures_daily_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);

    this.addSql(`alter table "revenue_rollups" add constraint "revenue_rollups_company_id_foreign" foreign key ("company_id") references "companies" ("id") on update cascade on delete cascade;`);
  }

}
