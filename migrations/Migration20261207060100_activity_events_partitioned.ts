// activity_events becomes a table partitioned by month of occurred_at (UTC months, one partition each, named
// activity_events_pYYYYMM, plus activity_events_default for stragglers), so retention drops whole months and a
// month's scan reads one partition. The partition key joins the primary key (company_id, occurred_at, id) and the
// dedupe index (company_id, source, external_id, occurred_at): occurred_at is the source's own creation time of the
// message, post or lesson interaction, so a repeated delivery carries the same value and is still recognised.
//
// Small installs: the rows move here, inside the migration's transaction (the old table is renamed, its rows copied
// into the new partitions before any index or foreign key exists, then the keys are built in bulk and the old table
// dropped; the id sequence carries over). The copy may outlast the migrator's statement timeout, so this
// transaction lifts it. Writers wait on the lock
// for the copy's duration: about a second per million rows on a small machine (docs/scaling.md). Large installs do
// the move beforehand without downtime (docs/scaling.md#moving-activity_events-on-a-large-install); this migration
// then finds activity_events already partitioned and only checks its shape.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261207060100_activity_events_partitioned extends Migration {

  override name = 'Migration20261207060100_activity_events_partitioned';

  override up(): void | Promise<void> {
    this.addSql(`set local statement_timeout = 0`);
    this.addSql(`set local maintenance_work_mem = '256MB'`);
    this.addSql(`do $move$
declare
  already boolean := (select c.relkind = 'p' from pg_class c where c.oid = 'public.activity_events'::regclass);
  first_month date;
  last_month date := (date_trunc('month', now() at time zone 'UTC') + interval '3 months')::date;
  m date;
begin
  if already then
    raise notice 'activity_events is already partitioned: nothing moved';
    return;
  end if;

  alter table activity_events rename to activity_events_heap;
  alter index activity_events_pkey rename to activity_events_heap_pkey;
  alter index activity_events_company_id_occurred_at_index rename to activity_events_heap_occurred_at_index;
  alter index activity_events_company_id_member_id_occurred_at_index rename to activity_events_heap_member_index;
  alter index activity_events_company_id_source_external_id_unique rename to activity_events_heap_dedupe_index;
  alter index activity_events_content_by_time_index rename to activity_events_heap_content_by_time_index;
  alter index activity_events_content_by_member_index rename to activity_events_heap_content_by_member_index;
  alter table activity_events_heap rename constraint activity_events_company_id_foreign to activity_events_heap_company_id_foreign;
  alter table activity_events_heap rename constraint activity_events_kind_check to activity_events_heap_kind_check;
  alter table activity_events_heap rename constraint activity_events_source_check to activity_events_heap_source_check;
  alter sequence activity_events_id_seq owned by none;

  create table activity_events (
    company_id bigint not null,
    id bigint not null default nextval('activity_events_id_seq'),
    member_id bigint null,
    kind text not null,
    source text not null,
    occurred_at timestamptz not null,
    content_item_id bigint null,
    value real null,
    external_id text null
  ) partition by range (occurred_at);
  alter sequence activity_events_id_seq owned by activity_events.id;
  create table activity_events_default partition of activity_events default;

  -- Every month with rows, and at least the months inside the longest tier window plus its lookback (425 days),
  -- so a backfill of a company's history lands in its months rather than in the default partition.
  first_month := least(
    coalesce((select date_trunc('month', min(occurred_at) at time zone 'UTC')::date from activity_events_heap), 'infinity'::date),
    date_trunc('month', (now() - interval '425 days') at time zone 'UTC')::date);
  m := first_month;
  while m <= last_month loop
    execute format('create table %I partition of activity_events for values from (%L) to (%L)',
      'activity_events_p' || to_char(m, 'YYYYMM'), (m::timestamp at time zone 'UTC'), ((m + interval '1 month')::timestamp at time zone 'UTC'));
    m := (m + interval '1 month')::date;
  end loop;

  insert into activity_events (company_id, id, member_id, kind, source, occurred_at, content_item_id, value, external_id)
    select company_id, id, member_id, kind, source, occurred_at, content_item_id, value, external_id
    from activity_events_heap;

  -- Keys and checks built once over the copied rows (one scan each), not row by row during the copy.
  alter table activity_events add primary key (company_id, occurred_at, id);
  alter table activity_events add constraint activity_events_kind_check check (kind in ('message', 'visit', 'lesson_view', 'lesson_complete', 'forum_post', 'reaction'));
  alter table activity_events add constraint activity_events_source_check check (source in ('whop', 'discord', 'slack'));
  create index activity_events_company_id_member_id_occurred_at_index on activity_events (company_id, member_id, occurred_at);
  create index activity_events_content_by_time_index on activity_events (company_id, occurred_at)
    include (member_id, content_item_id, kind) where content_item_id is not null;
  create index activity_events_content_by_member_index on activity_events (company_id, member_id, occurred_at)
    include (content_item_id, kind) where content_item_id is not null;
  create unique index activity_events_dedupe_unique on activity_events (company_id, source, external_id, occurred_at)
    where external_id is not null;
  alter table activity_events add constraint activity_events_company_id_foreign
    foreign key (company_id) references companies (id) on delete cascade;
  alter table activity_events add constraint activity_events_company_id_member_id_foreign
    foreign key (company_id, member_id) references members (company_id, id) on update cascade on delete set null (member_id);
  alter table activity_events add constraint activity_events_company_id_content_item_id_foreign
    foreign key (company_id, content_item_id) references content_items (company_id, id) on update cascade on delete set null (content_item_id);
  drop table activity_events_heap;
end
$move$;`);
  }

}
