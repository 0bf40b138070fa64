// chat_request_replays: the signed chat requests already taken (Discord interaction ids, Slack signatures), so
// a request sent again inside its signature window is answered once. Several web machines share only
// PostgreSQL, so the memory is a table: the primary key decides (insert … on conflict do nothing), one indexed
// insert on the 3-second path. Rows outlive the window that signature checks allow and are pruned after.
import type { Queryable } from '../db/queryable.ts';

/** How far a signed request's timestamp may be from the clock (both platforms allow 5 minutes either way). */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/**
 * Until when a request signed at `signedAtMs` must be remembered: its window, plus as much again for clocks of
 * different web machines that disagree (a request cannot be accepted by its signature after this).
 */
export function replayExpiry(signedAtMs: number): Date {
  return new Date(signedAtMs + 2 * REPLAY_WINDOW_MS);
}

/** True the first time `key` is seen (and remembered until `expiresAt`); false for a replay. */
export async function firstSighting(db: Queryable, key: string, expiresAt: Date): Promise<boolean> {
  const { rows } = await db.query<{ key: string }>(
    'insert into chat_request_replays (key, expires_at) values ($1, $2) on conflict (key) do nothing returning key',
    [key, expiresAt.toISOString()],
  );
  return rows.length === 1;
}

/** Forgets the requests whose window has passed; how many. */
export async function pruneChatRequestReplays(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'with gone as (delete from chat_request_replays where expires_at < $1 returning 1) select count(*)::int as n from gone',
    [now.toISOString()],
  );
  return rows[0]?.n ?? 0;
}
