// engagement_daily has no foreign key to members: what keeps a rollup from leaving rows of an erased member or company
// is the company's rollup lock, which both erasures take before deleting. Here another transaction holds that lock
// (as a rollup chunk does) and writes a row for the member or company being erased while the erase waits: once the
// erase returns, no row of theirs is left, and the other member's rows are untouched.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGAGEMENT_LOCK_CLASS, rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { eraseCompany } from '../../core/lifecycle/erase-company.ts';
import { eraseMember } from '../../core/lifecycle/erase-member.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { untilWaitingForLock } from '../helpers/advisory-locks.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';

let db: TestDatabase;
let pool: pg.Pool;

const rowsOf = async (companyId: number, memberId?: number) =>
  (
    await pool.query<{ n: number }>(
      'select count(*)::int as n from engagement_daily where company_id = $1 and ($2::bigint is null or member_id = $2)',
      [companyId, memberId ?? null],
    )
  ).rows[0]!.n;

/** Runs `erase` while another transaction holds the company's rollup lock and, once the erase waits for it, writes. */
async function eraseWhileRollupWrites(companyId: number, memberId: number, erase: () => Promise<unknown>) {
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  try {
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock($1, $2)', [ENGAGEMENT_LOCK_CLASS, companyId]);
    let settled = false;
    const erased = erase().finally(() => {
      settled = true;
    });
    await untilWaitingForLock(pool, ENGAGEMENT_LOCK_CLASS, companyId, () => settled);
    // What a rollup chunk that read the member's events before the erase began would write now.
    await holder.query(
      `insert into engagement_daily (company_id, member_id, day, messages, active, score, last_activity_at)
       values ($1, $2, '2026-03-20', 1, true, 30, '2026-03-20T12:00:00Z')`,
      [companyId, memberId],
    );
    await holder.query('commit');
    return await erased;
  } finally {
    await holder.end();
  }
}

async function activeCompany(): Promise<{ co: CompanyFixture; ann: Row; bob: Row }> {
  const co = await fixtures(pool).company({ timeZone: 'UTC' });
  const ann = await co.member({ name: 'ann' });
  const bob = await co.member({ name: 'bob' });
  for (const m of [ann, bob]) await co.events(m, [{ at: '2026-03-10T12:00:00Z' }, { at: '2026-03-12T12:00:00Z' }]);
  await rollupEngagement(pool, co.id, '2026-03-10', '2026-03-15');
  return { co, ann, bob };
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('erasing while a rollup holds the company lock', () => {
  it('a member erase waits for it, then leaves no engagement row of theirs', async () => {
    const { co, ann, bob } = await activeCompany();
    expect(await rowsOf(co.id, ann.id)).toBe(6);
    const annBefore = await rowsOf(co.id, ann.id);
    const r = (await eraseWhileRollupWrites(co.id, bob.id, () => eraseMember(pool, co.id, bob.whopId))) as {
      found: boolean;
    };
    expect(r.found).toBe(true);
    expect(await rowsOf(co.id, bob.id)).toBe(0);
    expect(await rowsOf(co.id, ann.id)).toBe(annBefore);
  });

  it('a company erase waits for it in its last transaction, then leaves no engagement row of the company', async () => {
    const { co, bob } = await activeCompany();
    const { co: other } = await activeCompany();
    const theirs = await rowsOf(other.id);
    expect(theirs).toBe(12);
    const r = (await eraseWhileRollupWrites(co.id, bob.id, () =>
      eraseCompany(pool, co.id, { now: new Date('2026-04-01T00:00:00Z'), force: true }),
    )) as { outcome: string };
    expect(r.outcome).toBe('erased');
    expect(await rowsOf(co.id)).toBe(0);
    expect(await rowsOf(other.id)).toBe(theirs);
  });
});
