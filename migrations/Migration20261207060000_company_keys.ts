// Keys that let the schema be distributed by company (docs/data-model.md#keys-and-distribution): every company-owned
// table's primary key starts with company_id, and every reference from one company-owned row to another is the pair
// (company_id, x_id) -> (company_id, id), so the same schema runs sharded by company_id (Citus) and no row can ever
// point into another company. activity_events follows in the next migration (it becomes partitioned).
// Each step is a catalog change plus one index build per table; nothing is rewritten.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207060000_company_keys extends Migration {

  override name = 'Migration20261207060000_company_keys';

  override up(): void | Promise<void> {
    // References by a bare id go first: they hang on the primary keys about to change.
    this.addSql(`alter table "content_items" drop constraint "content_items_parent_id_foreign";`);
    this.addSql(`alter table "content_daily" drop constraint "content_daily_content_item_id_foreign";`);
    this.addSql(`alter table "engagement_daily" drop constraint "engagement_daily_member_id_foreign";`);
    this.addSql(`alter table "customer_mrr_spans" drop constraint "customer_mrr_spans_member_id_foreign";`);
    this.addSql(`alter table "content_progress" drop constraint "content_progress_content_item_id_foreign";`);
    this.addSql(`alter table "content_progress" drop constraint "content_progress_member_id_foreign";`);
    this.addSql(`alter table "plans" drop constraint "plans_product_id_foreign";`);
    this.addSql(`alter table "memberships" drop constraint "memberships_member_id_foreign";`);
    this.addSql(`alter table "memberships" drop constraint "memberships_plan_id_foreign";`);
    this.addSql(`alter table "memberships" drop constraint "memberships_product_id_foreign";`);
    this.addSql(`alter table "payments" drop constraint "payments_member_id_foreign";`);
    this.addSql(`alter table "payments" drop constraint "payments_membership_id_foreign";`);
    this.addSql(`alter table "payments" drop constraint "payments_plan_id_foreign";`);
    this.addSql(`alter table "churn_predictions" drop constraint "churn_predictions_member_id_foreign";`);
    this.addSql(`alter table "churn_predictions" drop constraint "churn_predictions_membership_id_foreign";`);
    this.addSql(`alter table "churn_feedback" drop constraint "churn_feedback_member_id_foreign";`);
    this.addSql(`alter table "churn_feedback" drop constraint "churn_feedback_prediction_id_foreign";`);
    this.addSql(`alter table "churn_alerts" drop constraint "churn_alerts_member_id_foreign";`);
    this.addSql(`alter table "churn_alerts" drop constraint "churn_alerts_prediction_id_foreign";`);
    this.addSql(`alter table "refunds" drop constraint "refunds_payment_id_foreign";`);
    this.addSql(`alter table "activity_events" drop constraint "activity_events_member_id_foreign";`);
    this.addSql(`alter table "activity_events" drop constraint "activity_events_content_item_id_foreign";`);
    // company_id leads every primary key (an index on (company_id, id) also serves every lookup by a company's id).
    this.addSql(`alter table "content_items" drop constraint "content_items_pkey";`);
    this.addSql(`alter table "content_items" add primary key ("company_id", "id");`);
    this.addSql(`alter table "members" drop constraint "members_pkey";`);
    this.addSql(`alter table "members" add primary key ("company_id", "id");`);
    this.addSql(`alter table "products" drop constraint "products_pkey";`);
    this.addSql(`alter table "products" add primary key ("company_id", "id");`);
    this.addSql(`alter table "plans" drop constraint "plans_pkey";`);
    this.addSql(`alter table "plans" add primary key ("company_id", "id");`);
    this.addSql(`alter table "memberships" drop constraint "memberships_pkey";`);
    this.addSql(`alter table "memberships" add primary key ("company_id", "id");`);
    this.addSql(`alter table "payments" drop constraint "payments_pkey";`);
    this.addSql(`alter table "payments" add primary key ("company_id", "id");`);
    this.addSql(`alter table "churn_predictions" drop constraint "churn_predictions_pkey";`);
    this.addSql(`alter table "churn_predictions" add primary key ("company_id", "id");`);
    this.addSql(`alter table "churn_feedback" drop constraint "churn_feedback_pkey";`);
    this.addSql(`alter table "churn_feedback" add primary key ("company_id", "id");`);
    this.addSql(`alter table "churn_alerts" drop constraint "churn_alerts_pkey";`);
    this.addSql(`alter table "churn_alerts" add primary key ("company_id", "id");`);
    this.addSql(`alter table "refunds" drop constraint "refunds_pkey";`);
    this.addSql(`alter table "refunds" add primary key ("company_id", "id");`);
    this.addSql(`alter table "deliveries" drop constraint "deliveries_pkey";`);
    this.addSql(`alter table "deliveries" add primary key ("company_id", "id");`);
    this.addSql(`alter table "coach_conversations" drop constraint "coach_conversations_pkey";`);
    this.addSql(`alter table "coach_conversations" add primary key ("company_id", "id");`);
    // References between company-owned rows are (company_id, x_id) pairs: they cannot cross companies, and a
    // `set null` clears only the reference column (PostgreSQL 15's column list), never company_id.
    this.addSql(`alter table "content_items" add constraint "content_items_company_id_parent_id_foreign" foreign key ("company_id", "parent_id") references "content_items" ("company_id", "id") on update cascade on delete set null (parent_id);`);
    this.addSql(`alter table "content_daily" add constraint "content_daily_company_id_content_item_id_foreign" foreign key ("company_id", "content_item_id") references "content_items" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "engagement_daily" add constraint "engagement_daily_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "customer_mrr_spans" add constraint "customer_mrr_spans_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "content_progress" add constraint "content_progress_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "content_progress" add constraint "content_progress_company_id_content_item_id_foreign" foreign key ("company_id", "content_item_id") references "content_items" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "plans" add constraint "plans_company_id_product_id_foreign" foreign key ("company_id", "product_id") references "products" ("company_id", "id") on update cascade on delete set null (product_id);`);
    this.addSql(`alter table "memberships" add constraint "memberships_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memberships" add constraint "memberships_company_id_plan_id_foreign" foreign key ("company_id", "plan_id") references "plans" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memberships" add constraint "memberships_company_id_product_id_foreign" foreign key ("company_id", "product_id") references "products" ("company_id", "id") on update cascade on delete set null (product_id);`);
    this.addSql(`alter table "payments" add constraint "payments_company_id_membership_id_foreign" foreign key ("company_id", "membership_id") references "memberships" ("company_id", "id") on update cascade on delete set null (membership_id);`);
    this.addSql(`alter table "payments" add constraint "payments_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete set null (member_id);`);
    this.addSql(`alter table "payments" add constraint "payments_company_id_plan_id_foreign" foreign key ("company_id", "plan_id") references "plans" ("company_id", "id") on update cascade on delete set null (plan_id);`);
    this.addSql(`alter table "churn_predictions" add constraint "churn_predictions_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "churn_predictions" add constraint "churn_predictions_company_id_membership_id_foreign" foreign key ("company_id", "membership_id") references "memberships" ("company_id", "id") on update cascade on delete set null (membership_id);`);
    this.addSql(`alter table "churn_feedback" add constraint "churn_feedback_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "churn_feedback" add constraint "churn_feedback_company_id_prediction_id_foreign" foreign key ("company_id", "prediction_id") references "churn_predictions" ("company_id", "id") on update cascade on delete set null (prediction_id);`);
    this.addSql(`alter table "churn_alerts" add constraint "churn_alerts_company_id_member_id_foreign" foreign key ("company_id", "member_id") references "members" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "churn_alerts" add constraint "churn_alerts_company_id_prediction_id_foreign" foreign key ("company_id", "prediction_id") references "churn_predictions" ("company_id", "id") on update cascade on delete cascade;`);
    this.addSql(`alter table "refunds" add constraint "refunds_company_id_payment_id_foreign" foreign key ("company_id", "payment_id") references "payments" ("company_id", "id") on update cascade on delete cascade;`);
  }

}
