// The SQL of activity_events' storage upkeep: its monthly partitions (created ahead, dropped when past every tier's
// window and rolled up) and the per-company deletes of raw events past a lower tier's window. These statements
// deliberately span companies (a partition holds every company's month); the per-company deletes filter by company_id.
import type { Queryable } from '../db/queryable.ts';

/** Monthly partitions are named activity_events_pYYYYMM; anything else (the default partition) is never dropped here. */
export const partitionPrefix = 'activity_events_p';
const partitionPattern = /^activity_events_p(\d{4})(\d{2})$/;

/** The first instant (UTC) of the month a partition name stands for, or null for other names. */
export function partitionMonth(name: string): Date | null {
  const m = partitionPattern.exec(name);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

export function partitionName(month: Date): string {
  return `${partitionPrefix}${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The monthly partitions attached to activity_events, oldest first. */
export async function monthlyPartitions(conn: Queryable): Promise<{ name: string; month: Date }[]> {
  const { rows } = await conn.query<{ name: string }>(
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'activity_events'::regclass order by 1`,
  );
  return rows.flatMap((r) => {
    const month = partitionMonth(r.name);
    return month ? [{ name: r.name, month }] : [];
  });
}

/** Try the cross-worker lock of partition upkeep for this transaction; false when another worker holds it. */
export async function tryUpkeepLock(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(73178422, 1) as ok');
  return rows[0]!.ok;
}

/**
 * Creates the partition of `month` (inside the caller's transaction). Rows of that month already caught by the
 * default partition move into it first, since PostgreSQL refuses to attach a range the default partition holds.
 */
export async function createPartition(tx: Queryable, month: Date, next: Date): Promise<void> {
  const name = partitionName(month);
  // Names and bounds are generated here from dates, never from input.
  const from = `'${month.toISOString()}'`,
    to = `'${next.toISOString()}'`;
  await tx.query(`create table ${name} (like activity_events including defaults including constraints)`);
  await tx.query(`with moved as (delete from activity_events_default where occurred_at >= ${from} and occurred_at < ${to} returning *)
    insert into ${name} select * from moved`);
  await tx.query(`alter table activity_events attach partition ${name} for values from (${from}) to (${to})`);
}

/**
 * A company with rows in the partition whose engagement rollup has not reached `throughDay` (the day after the
 * partition's last UTC day, which covers every time zone's last local day of it), or null when every company's has.
 */
export async function companyNotRolledUp(
  conn: Queryable,
  partition: string,
  throughDay: string,
): Promise<number | null> {
  const { rows } = await conn.query<{ id: string }>(
    `select c.id from companies c
     where exists (select 1 from ${partition} e where e.company_id = c.id)
       and not exists (select 1 from engagement_company_daily d where d.company_id = c.id and d.day >= $1::date)
     limit 1`,
    [throughDay],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

export async function dropPartition(tx: Queryable, partition: string): Promise<void> {
  await tx.query(`alter table activity_events detach partition ${partition}`);
  await tx.query(`drop table ${partition}`);
}

/** Companies of the given tiers with the last day their engagement rollup reached ('YYYY-MM-DD', null when none). */
export async function companiesOfTiers(
  conn: Queryable,
  tiers: string[],
): Promise<{ id: number; tier: string; rolledUpTo: string | null }[]> {
  const { rows } = await conn.query<{ id: string; tier: string; rolled_up_to: string | null }>(
    `select c.id, c.tier, (select to_char(max(d.day), 'YYYY-MM-DD') from engagement_company_daily d where d.company_id = c.id) as rolled_up_to
     from companies c where c.tier = any($1::text[]) order by c.id`,
    [tiers],
  );
  return rows.map((r) => ({ id: Number(r.id), tier: r.tier, rolledUpTo: r.rolled_up_to }));
}

/** Deletes up to `limit` of the company's raw events before `before`; returns how many went. */
export async function deleteEventsBefore(
  conn: Queryable,
  companyId: number,
  before: Date,
  limit: number,
): Promise<number> {
  const { rows } = await conn.query<{ n: number }>(
    `with doomed as (
       select company_id, occurred_at, id from activity_events where company_id = $1 and occurred_at < $2 order by occurred_at limit $3
     ), gone as (
       delete from activity_events e using doomed
       where e.company_id = $1 and e.company_id = doomed.company_id and e.occurred_at = doomed.occurred_at and e.id = doomed.id
       returning 1
     ) select count(*)::int as n from gone`,
    [companyId, before.toISOString(), limit],
  );
  return rows[0]!.n;
}
