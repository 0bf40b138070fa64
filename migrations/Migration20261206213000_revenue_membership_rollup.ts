// The revenue rollup per membership and plan (core/revenue): each membership's MRR on each of its plans as
// constant spans of days, the day's MRR movements attributed to memberships, and MRR, customers and movements
// per plan and per product by day — what drill-downs and the by-plan/by-product breakdown read; and indexes for
// the drill-downs of failed, recovered and refunded payments by day.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261206213000_revenue_membership_rollup extends Migration {

  override name = 'Migration20261206213000_revenue_membership_rollup';

  override up(): void | Promise<void> {
    this.addSql(`create table "membership_mrr_spans" ("company_id" bigint not null, "membership_id" bigint not null, "plan_id" bigint not null, "from_day" date not null, "member_id" bigint not null, "to_day" date null, "mrr_minor" bigint not null, "past_due_minor" bigint not null default '0', primary key ("company_id", "membership_id", "plan_id", "from_day"));`);
    this.addSql(`create index "membership_mrr_spans_company_id_from_day_index" on "membership_mrr_spans" ("company_id", "from_day");`);
    this.addSql(`create index "membership_mrr_spans_company_id_to_day_index" on "membership_mrr_spans" ("company_id", "to_day");`);

    this.addSql(`create table "membership_mrr_movements" ("company_id" bigint not null, "day" date not null, "movement" text check ("movement" in ('new', 'reactivation', 'expansion', 'contraction', 'churn')) not null, "membership_id" bigint not null, "plan_id" bigint not null, "member_id" bigint not null, "amount_minor" bigint not null, primary key ("company_id", "day", "movement", "membership_id", "plan_id"));`);

    this.addSql(`create table "revenue_segment_daily" ("company_id" bigint not null, "segment" text check ("segment" in ('plan', 'product')) not null, "segment_id" bigint not null, "day" date not null, "mrr_minor" bigint not null default '0', "customers" int not null default 0, "new_minor" bigint not null default '0', "reactivation_minor" bigint not null default '0', "expansion_minor" bigint not null default '0', "contraction_minor" bigint not null default '0', "churn_minor" bigint not null default '0', "moved_minor" bigint not null default '0', primary key ("company_id", "segment", "segment_id", "day"));`);

    this.addSql(`create index "payments_company_id_failed_at_index" on "payments" ("company_id", "failed_at") where failed_at is not null;`);
    this.addSql(`create index "refunds_company_id_whop_created_at_index" on "refunds" ("company_id", "whop_created_at");`);

    this.addSql(`alter table "membership_mrr_spans" add constraint "membership_mrr_spans_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "membership_mrr_movements" add constraint "membership_mrr_movements_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "revenue_segment_daily" add constraint "revenue_segment_daily_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
  }

}
