// coach_conversations: one row per company, workspace, user and channel, holding the memory (summary + last
// turns) and the user's recent question times. Writes for one user run under a transaction-scoped advisory
// lock on (company, user), so the rate-limit count and the memory never race between processes.
import type pg from 'pg';
import type { Queryable } from '../db/queryable.ts';
import { parseTurns, remember, type CoachMemory, type CoachTurn } from './conversation-memory.ts';
import { inTransaction } from '../db/transaction.ts';

export interface ConversationKey {
  companyId: number;
  workspaceLinkId: number | null;
  userRef: string;
  /** '' when the caller gives no channel. */
  channelRef: string;
}

const LOCK_CLASS = 0x0c0ac4;

/** Runs `fn` in a transaction holding the (company, user) lock. */
export function withUserLock<T>(pool: pg.Pool, key: ConversationKey, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, `${key.companyId}:${key.userRef}`]);
    return fn(tx);
  });
}

const match = 'company_id = $1 and workspace_link_id is not distinct from $2 and user_ref = $3 and channel_ref = $4';
const params = (k: ConversationKey) => [k.companyId, k.workspaceLinkId, k.userRef, k.channelRef];

export async function loadMemory(db: Queryable, key: ConversationKey): Promise<CoachMemory> {
  const { rows } = await db.query<{ summary: string; turns: unknown }>(
    `select summary, turns from coach_conversations where ${match} order by id limit 1`,
    params(key),
  );
  return rows[0] ? { summary: rows[0].summary, turns: parseTurns(rows[0].turns) } : { summary: '', turns: [] };
}

/** This conversation's row id, created when missing (call under the user lock). */
async function conversationId(tx: Queryable, key: ConversationKey): Promise<number> {
  const found = await tx.query<{ id: string }>(
    `select id from coach_conversations where ${match} order by id limit 1`,
    params(key),
  );
  if (found.rows[0]) return Number(found.rows[0].id);
  const made = await tx.query<{ id: string }>(
    `insert into coach_conversations (company_id, workspace_link_id, user_ref, channel_ref) values ($1, $2, $3, $4) returning id`,
    params(key),
  );
  return Number(made.rows[0]!.id);
}

/**
 * The per-user rate limit (call under the user lock): null and the question recorded when the user asked fewer
 * than `max` questions in the window before `now` (in any of their conversations in this company); otherwise
 * the milliseconds until one leaves the window.
 */
export async function admitQuestion(
  tx: Queryable,
  key: ConversationKey,
  now: Date,
  limit: { questions: number; windowMs: number },
): Promise<number | null> {
  const since = now.getTime() - limit.windowMs;
  const { rows } = await tx.query<{ asks: unknown }>(
    'select recent_asks as asks from coach_conversations where company_id = $1 and user_ref = $2',
    [key.companyId, key.userRef],
  );
  const recent = rows
    .flatMap((r) => (Array.isArray(r.asks) ? r.asks : []))
    .map((t) => (typeof t === 'string' ? Date.parse(t) : NaN))
    .filter((t) => Number.isFinite(t) && t > since && t <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length >= limit.questions)
    return recent[recent.length - limit.questions]! + limit.windowMs - now.getTime();
  const id = await conversationId(tx, key);
  await tx.query(
    `update coach_conversations set recent_asks = (
       select coalesce(jsonb_agg(t), '[]'::jsonb) from jsonb_array_elements_text(recent_asks) t where t::timestamptz > $2::timestamptz
     ) || jsonb_build_array($3::text), updated_at = $4 where company_id = $5 and id = $1`,
    [id, new Date(since).toISOString(), now.toISOString(), now.toISOString(), key.companyId],
  );
  return null;
}

/** Adds one answered turn to the conversation's memory (call under the user lock). */
export async function saveTurn(tx: Queryable, key: ConversationKey, turn: CoachTurn, now: Date): Promise<CoachMemory> {
  const id = await conversationId(tx, key);
  const { rows } = await tx.query<{ summary: string; turns: unknown }>(
    'select summary, turns from coach_conversations where company_id = $2 and id = $1 for update',
    [id, key.companyId],
  );
  const next = remember({ summary: rows[0]?.summary ?? '', turns: parseTurns(rows[0]?.turns) }, turn);
  await tx.query(
    'update coach_conversations set summary = $2, turns = $3::jsonb, updated_at = $4 where company_id = $5 and id = $1',
    [id, next.summary, JSON.stringify(next.turns), now.toISOString(), key.companyId],
  );
  return next;
}
