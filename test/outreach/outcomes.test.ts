// Outcome tracking of "Reach out": closed critical/high cases split by whether a message reached the member
// within the prediction's window, worked out by hand on five members; another company's sends do not count.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedCasesByOutreach, outreachOutcomes } from '../../core/outreach/index.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type Fixtures } from '../helpers/fixtures.ts';

const SCORED = '2026-03-01T00:00:00Z';
// Windows close 30 days after scoring: 31 March 00:00 UTC.
const asOf = new Date('2026-04-15T00:00:00Z');

describe('outreach outcomes', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let pool: pg.Pool;
  let companyId: number;
  let otherId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    fx = await openFixtures(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const co = await fx.company();
    const other = await fx.company();
    companyId = co.id;
    otherId = other.id;
    const send = (company: number, predictionId: number, memberId: number, key: string, status: string, at: string) =>
      pool.query(
        `insert into churn_outreach (company_id, click_key, prediction_id, member_id, status, channel, message, sent_by, created_at)
       values ($1, $2, $3, $4, $5, $6, 'Hi', 'discord:1', $7)`,
        [company, key, predictionId, memberId, status, status === 'sent' ? 'whop' : 'copy', at],
      );
    // ann: messaged on 5 March, stayed. bob: messaged on 6 March, churned. cat: the message could not be sent
    // (copy), churned. dov: messaged only on 2 April, after his window closed, stayed. eve: nothing, churned.
    const outcome: Record<string, boolean> = { ann: false, bob: true, cat: true, dov: false, eve: true };
    const ids: Record<string, { member: number; prediction: number }> = {};
    for (const name of Object.keys(outcome)) {
      const member = await co.member({ name });
      const p = await prediction(pool, co.id, member.id, { scoredAt: SCORED, risk: 'high' });
      await pool.query('update churn_predictions set outcome_churned = $2 where id = $1', [p, outcome[name]]);
      ids[name] = { member: member.id, prediction: p };
    }
    await send(co.id, ids.ann!.prediction, ids.ann!.member, 'discord:1', 'sent', '2026-03-05T10:00:00Z');
    await send(co.id, ids.bob!.prediction, ids.bob!.member, 'discord:2', 'sent', '2026-03-06T10:00:00Z');
    await send(co.id, ids.cat!.prediction, ids.cat!.member, 'discord:3', 'not_sent', '2026-03-07T10:00:00Z');
    await send(co.id, ids.dov!.prediction, ids.dov!.member, 'discord:4', 'sent', '2026-04-02T10:00:00Z');
    // Another company's send naming eve's prediction id counts for nobody here.
    await send(other.id, ids.eve!.prediction, ids.eve!.member, 'discord:5', 'sent', '2026-03-05T10:00:00Z');
  });
  afterAll(async () => {
    await pool?.end();
    await fx?.close();
    await db?.drop();
  });

  it('splits closed cases by a message sent within the window', async () => {
    const cases = await closedCasesByOutreach(pool, companyId, asOf);
    // Reached: ann (stayed), bob (churned). Not reached: cat, dov, eve — dov stayed.
    expect(outreachOutcomes(cases)).toEqual({
      reachedOut: 2,
      reachedOutStayed: 1,
      notReached: 3,
      notReachedStayed: 1,
      sentence: '1 of 2 at-risk members messaged through Pulse stayed (50%); of those not messaged, 1 of 3 (33%)',
    });
    expect(await closedCasesByOutreach(pool, otherId, asOf)).toEqual([]);
  });

  it('says so before anyone was messaged', () => {
    expect(outreachOutcomes([{ reachedOut: false, churned: true }]).sentence).toBe(
      'no at-risk member has been messaged through Pulse yet',
    );
  });
});
