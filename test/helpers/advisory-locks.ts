// Waiting, in a test, until a session queues for an advisory lock another session holds: what proves that the code
// under test took the lock (it is blocked on it) rather than finishing before or without it.
import type pg from 'pg';

/**
 * Resolves once a session waits for the two-key advisory lock (classId, objId); throws if `ended()` says the work
 * expected to wait has finished first (it never asked for the lock).
 */
export async function untilWaitingForLock(
  pool: pg.Pool,
  classId: number,
  objId: number,
  ended: () => boolean = () => false,
): Promise<void> {
  for (;;) {
    if (ended()) throw new Error(`the work ended without waiting for advisory lock (${classId}, ${objId})`);
    const waiting = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_locks
       where locktype = 'advisory' and classid = $1 and objid = $2 and objsubid = 2 and not granted`,
      [classId, objId],
    );
    if (waiting.rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
