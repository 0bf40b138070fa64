// Group commit for webhooks: the events that arrive while earlier ones are being written go in together. For one
// company (the usual case) a single statement inserts them in the inbox and upserts every table, sent alone (its own
// transaction, one round trip); for several, one transaction: one inbox insert then one statement per company. The
// same guarded upserts as a single event, so the outcome is the same; if anything in the batch fails (a parent row
// missing, a bad payload, an error), nothing of the batch is kept and each event takes the single-event path
// (receiveWebhook), which stores it whatever happens.
import type { CourseLessonInteraction, Membership, Payment } from '@whop/sdk/resources/shared';
import type { Pool, PoolClient, Queryable } from '../db/queryable.ts';
import { mapLessonInteraction, mapMembership, mapMessage, mapPayment, memberFromUser } from './map.ts';
import type { ActivityRow, MemberRow, MembershipRow, PaymentRow } from './rows.ts';
import { lessonsInCourse } from './sync-activity.ts';
import { activityWrite, memberStubsWrite, membershipsWrite, paymentsWrite } from './tables.ts';
import { part, upsertMany, upsertManyWith, type Prelude, type WritePart } from './upsert.ts';
import { isAppliedType, type WebhookEnvelope } from './webhook-apply.ts';
import { INBOX_ARRIVAL_COLUMNS, inboxArrival, receiveWebhook, whopCompanyOf, type Receipt } from './webhook-inbox.ts';

export interface Incoming {
  webhookId: string;
  envelope: WebhookEnvelope;
  raw: string;
}

const BATCHED = new Set(['membership', 'payment', 'chat', 'course_lesson_interaction']);
const batchable = (e: WebhookEnvelope) => !isAppliedType(e.type) || BATCHED.has(e.type.split('.')[0]!);

interface CompanyRows {
  stubs: MemberRow[];
  memberships: MembershipRow[];
  payments: PaymentRow[];
  activity: ActivityRow[];
  lessons: Array<{ courseId: string; i: CourseLessonInteraction }>;
}

class Fallback extends Error {}

/**
 * The inbox insert of a batch as a CTE named `ins`, its five parameters from $first on. The bodies travel as one
 * JSON array (each is JSON already, verified): no text-array quoting of every quote in them on either side.
 */
const inboxCte = (
  first: number,
) => `ins as (insert into webhook_inbox as w (webhook_id, company_id, whop_company_id, event_type, payload, ${INBOX_ARRIVAL_COLUMNS})
  select i.webhook_id, c.id, i.whop_company_id, i.event_type, b.payload, ${inboxArrival('c.id', 'i.known')}
  from unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::text[], $${first + 4}::boolean[])
    with ordinality as i(webhook_id, whop_company_id, event_type, known, n)
  join jsonb_array_elements($${first + 3}::jsonb) with ordinality as b(payload, n) on b.n = i.n
  left join companies c on c.whop_company_id = i.whop_company_id
  order by i.n
  on conflict (webhook_id) do nothing
  returning webhook_id, company_id)`;

const insertManySql = `with ${inboxCte(1)} select webhook_id, company_id from ins`;

function inboxValues(items: Incoming[]): unknown[] {
  return [
    items.map((i) => i.webhookId),
    items.map((i) => whopCompanyOf(i.envelope)),
    items.map((i) => i.envelope.type),
    `[${items.map((i) => i.raw).join(',')}]`,
    items.map((i) => isAppliedType(i.envelope.type)),
  ];
}

function collect(rows: CompanyRows, e: WebhookEnvelope): void {
  const kind = e.type.split('.')[0];
  if (kind === 'membership' || kind === 'payment') {
    const o = e.data as unknown as Membership | Payment;
    if (o.user) rows.stubs.push(memberFromUser(o.user, o.member?.id ?? null));
    if (kind === 'membership') rows.memberships.push(mapMembership(o as Membership));
    else rows.payments.push(mapPayment(o as Payment));
  } else if (kind === 'chat') {
    const msg = (e.data as { message?: Parameters<typeof mapMessage>[0] }).message;
    if (!msg) throw new Fallback('chat event without a message');
    rows.activity.push(mapMessage(msg));
  } else {
    const i = { ...(e.data as unknown as CourseLessonInteraction), completed: true };
    rows.lessons.push({ courseId: i.course.id, i });
  }
}

/** Lessons per course change rarely: looked up at most once a minute per course on this hot path. */
const lessonCounts = new Map<string, { n: number | undefined; at: number }>();
async function cachedLessonsInCourse(tx: Queryable, companyId: number, courseId: string): Promise<number | undefined> {
  const key = `${companyId}:${courseId}`;
  const hit = lessonCounts.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.n;
  const n = await lessonsInCourse(tx, companyId, courseId);
  if (lessonCounts.size > 10_000) lessonCounts.clear();
  lessonCounts.set(key, { n, at: Date.now() });
  return n;
}

/** The memberships' place in partsOf: they need their member and plan (the others' parents are optional). */
const MEMBERSHIPS = 1;

async function partsOf(tx: Queryable, companyId: number, r: CompanyRows): Promise<Array<WritePart<never>>> {
  const counts = new Map<string, number | undefined>();
  for (const { courseId } of r.lessons)
    if (!counts.has(courseId)) counts.set(courseId, await cachedLessonsInCourse(tx, companyId, courseId));
  const activity = [
    ...r.activity,
    ...r.lessons.map(({ courseId, i }) => mapLessonInteraction(i, counts.get(courseId))),
  ];
  // Later tables find the members and memberships the earlier ones insert in the same statement.
  return [
    part(memberStubsWrite, r.stubs),
    part(membershipsWrite, r.memberships),
    part(paymentsWrite, r.payments),
    part(activityWrite, activity),
  ];
}

async function applyRows(tx: PoolClient, companyId: number, r: CompanyRows): Promise<void> {
  const counts = await upsertMany(tx, companyId, await partsOf(tx, companyId, r));
  if (counts[MEMBERSHIPS]!.skipped) throw new Fallback('a membership whose member or plan is not synced yet');
}

const emptyRows = (): CompanyRows => ({ stubs: [], memberships: [], payments: [], activity: [], lessons: [] });

/** Our id of a Whop company (null: not in Pulse), remembered for ten seconds. */
const companyIds = new Map<string, { id: number | null; at: number }>();
async function companyIdOf(pool: Pool, whopCompanyId: string): Promise<number | null> {
  const hit = companyIds.get(whopCompanyId);
  if (hit && Date.now() - hit.at < 10_000) return hit.id;
  const { rows } = await pool.query<{ id: string }>({
    name: 'whop_company_id_of',
    text: 'select id from companies where whop_company_id = $1',
    values: [whopCompanyId],
  });
  const id = rows[0] ? Number(rows[0].id) : null;
  if (companyIds.size > 10_000) companyIds.clear();
  companyIds.set(whopCompanyId, { id, at: Date.now() });
  return id;
}

/**
 * The common case, every event of one known company: the inbox insert and the writes to every table in one
 * statement, run alone (its own transaction: one round trip, no BEGIN/COMMIT). A membership that cannot be applied
 * yet (its member or plan not synced) makes the statement abort itself (pulse_abort), so nothing of the batch is
 * kept and receiveBatch sends each event the single-event way. Re-applying a redelivered event changes nothing
 * (guarded upserts); its receipt still says duplicate, from the inbox insert.
 */
async function oneCompanyStatement(pool: Pool, items: Incoming[], companyId: number): Promise<Receipt[]> {
  const rows = emptyRows();
  for (const it of items) if (isAppliedType(it.envelope.type)) collect(rows, it.envelope);
  const prelude: Prelude = {
    name: 'whop_inbox',
    cte: inboxCte,
    values: inboxValues(items),
    select: `(select coalesce(array_agg(webhook_id), '{}') from ins) as fresh`,
  };
  const { row } = await upsertManyWith(pool, companyId, prelude, await partsOf(pool, companyId, rows), {
    abortOnSkip: [MEMBERSHIPS],
    counts: false,
  });
  const fresh = new Set(row.fresh as string[]);
  return items.map((it) => ({
    outcome: !fresh.has(it.webhookId) ? 'duplicate' : isAppliedType(it.envelope.type) ? 'applied' : 'stored',
  }));
}

async function batchTransaction(pool: Pool, items: Incoming[]): Promise<Receipt[]> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const res = await tx.query<{ webhook_id: string; company_id: string | null }>({
      name: 'whop_inbox_insert_many',
      text: insertManySql,
      values: inboxValues(items),
    });
    const fresh = new Map(res.rows.map((r) => [r.webhook_id, r.company_id === null ? null : Number(r.company_id)]));
    const byCompany = new Map<number, CompanyRows>();
    for (const it of items) {
      const companyId = fresh.get(it.webhookId);
      if (companyId === undefined || companyId === null || !isAppliedType(it.envelope.type)) continue;
      let rows = byCompany.get(companyId);
      if (!rows) byCompany.set(companyId, (rows = emptyRows()));
      collect(rows, it.envelope);
    }
    for (const [companyId, rows] of byCompany) await applyRows(tx, companyId, rows);
    await tx.query('COMMIT');
    return items.map((it) => {
      const companyId = fresh.get(it.webhookId);
      if (companyId === undefined) return { outcome: 'duplicate' };
      return { outcome: companyId !== null && isAppliedType(it.envelope.type) ? 'applied' : 'stored' };
    });
  } catch (err) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    tx.release();
  }
}

/** Store and apply a batch; the receipts are in the order of `items`. */
export async function receiveBatch(pool: Pool, items: Incoming[]): Promise<Receipt[]> {
  const first = new Map<string, number>();
  const unique: Incoming[] = [];
  const single: Incoming[] = [];
  items.forEach((it, n) => {
    if (first.has(it.webhookId)) return;
    first.set(it.webhookId, n);
    (batchable(it.envelope) ? unique : single).push(it);
  });
  let receipts = new Map<Incoming, Receipt>();
  if (unique.length > 0) {
    try {
      const companies = new Set(unique.map((it) => whopCompanyOf(it.envelope)));
      const only = companies.size === 1 ? [...companies][0] : undefined;
      const companyId = only ? await companyIdOf(pool, only) : null;
      const r =
        companyId !== null ? await oneCompanyStatement(pool, unique, companyId) : await batchTransaction(pool, unique);
      unique.forEach((it, n) => receipts.set(it, r[n]!));
    } catch {
      single.push(...unique);
      receipts = new Map();
    }
  }
  await Promise.all(
    single.map(async (it) => receipts.set(it, await receiveWebhook(pool, it.webhookId, it.envelope, it.raw))),
  );
  return items.map((it) => receipts.get(it) ?? { outcome: 'duplicate' });
}
