// engagement_daily keyed by day: primary key (company_id, day, member_id) in place of (company_id, member_id, day)
// plus a second, covering index by day, and no foreign key to members. The table is derived from activity_events,
// written only by the engagement rollup under the company's rollup lock, and both erasures take that lock and
// delete its rows themselves (core/lifecycle). At 100,000 members the 61-day rebuild went from 21.5 to 13.2 s:
// PostgreSQL's check of the member reference on every inserted row was 5.8 s of it, the second index 2.5 s. One
// member's rows are read day by day on the key (core/reports, core/lifecycle). Rebuilding the key locks the table
// while it runs (seconds per million rows); a large install builds the new key beforehand without blocking
// (docs/scaling.md#engagement_daily-keyed-by-day), and this migration then finds it in place and drops the rest.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207100000_engagement_daily_by_day extends Migration {

  override name = 'Migration20261207100000_engagement_daily_by_day';

  override up(): void | Promise<void> {
    this.addSql(`alter table "engagement_daily" drop constraint if exists "engagement_daily_company_id_member_id_foreign";`);
    this.addSql(`do $$ begin
      if not exists (select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[1]
                     where i.indrelid = 'engagement_daily'::regclass and i.indisprimary and a.attname = 'day') then
        alter table "engagement_daily" drop constraint "engagement_daily_pkey";
        alter table "engagement_daily" add constraint "engagement_daily_pkey" primary key ("company_id", "day", "member_id");
      end if;
    end $$;`);
    this.addSql(`drop index if exists "engagement_daily_company_id_day_member_id_index";`);
  }

}
