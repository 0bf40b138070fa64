// The cheapest round trip: readiness asks it before reading the migrations table.
import type { Queryable } from './queryable.ts';

export async function ping(db: Queryable): Promise<void> {
  await db.query('select 1');
}
