// The company the report tests read: scenario-march.ts (revenue worked out by hand in
// test/revenue/revenue-report.test.ts; enterprise tier, UTC), plus content, activity and two churn scorings,
// every rollup built as of 2026-04-01T00:00Z. Seen from that instant, `last_month` is March 2026.
//   Content: course "Start" (lessons L1, L2) and post "Welcome". March interactions: Ann completes L1 (03-02)
//     and L2 (03-04) and opens Welcome (03-02); Cat views and completes L1 (03-06); Dan views L1 (03-10); Hal
//     opens Welcome on 03-20 and 03-21. L1: 4 views by 3 members; L2: 1 by 1; Welcome: 3 by 2.
//   Activity at the end of 03-31 among the 10 paying customers: Ann (visit 03-30) and Cat (message 03-31)
//     active; Dan (03-10) and Hal (03-21) idle; Eve, Gus, Jon, Kim, Lee, Ned dormant. At the end of Feb: 9
//     customers, none with any activity (all dormant).
//   Churn scorings: 03-24 (superseded) and 03-31 12:00 (the latest by asOf): Ann 0.10 low, Kim 0.05 low,
//     Hal 0.35 medium, Dan 0.62 high, Cat 0.82 critical, Jon 0.91 critical; one on 04-02 comes after asOf.
//   Another company (its own members, content and scorings) shares the database.
import type pg from 'pg';
import { rollupContent } from '../../core/content/content-rollup.ts';
import { rollupEngagement } from '../../core/engagement/engagement-rollup.ts';
import { ensureRevenueRollup } from '../../core/revenue/rollup.repository.ts';
import { insertRow } from '../helpers/fixture-rows.ts';
import { fixtures, type CompanyFixture, type Row } from '../helpers/fixtures.ts';
import { at, buildMarchCompany } from '../revenue/scenario-march.ts';

export const asOf = new Date('2026-04-01T00:00:00Z');

export interface ReportFixture {
  co: CompanyFixture;
  other: CompanyFixture;
  member: (name: string) => Row;
}

async function scoring(
  pool: pg.Pool,
  companyId: number,
  scoredAt: string,
  rows: Array<[Row, number, string, string[]]>,
): Promise<void> {
  const runId = await insertRow(pool, 'churn_model_runs', {
    company_id: companyId,
    algorithm: 'logistic',
    source: 'company',
    trained_at: scoredAt,
    seed: 1,
    metrics: JSON.stringify({ auc: 0.81, ece: 0.02 }),
    model: '{}',
  });
  for (const [m, probability, risk, factors] of rows) {
    await insertRow(pool, 'churn_predictions', {
      company_id: companyId,
      member_id: m.id,
      model_run_id: runId,
      scored_at: scoredAt,
      probability,
      risk,
      factors: JSON.stringify(
        factors.map((f) => ({
          feature: f,
          value: 1,
          contribution: 0.5,
          sentence: `because of ${f.replaceAll('_', ' ')}`,
        })),
      ),
      actions: JSON.stringify(
        factors.length
          ? [{ kind: 're_engagement_message', priority: 'high', text: 'Send a personal "we miss you" message' }]
          : [],
      ),
      window_ends_at: new Date(new Date(scoredAt).getTime() + 30 * 86_400_000).toISOString(),
    });
  }
}

export async function buildReportFixture(pool: pg.Pool): Promise<ReportFixture> {
  const fx = fixtures(pool);
  const co = await buildMarchCompany(fx);
  const ids = await pool.query<{ id: string; name: string }>('select id, name from members where company_id = $1', [
    co.id,
  ]);
  const byName = new Map(ids.rows.map((r) => [r.name, { id: Number(r.id), whopId: `user_${r.name.toLowerCase()}` }]));
  const member = (name: string) => byName.get(name)!;
  const start = await co.content({ kind: 'course', title: 'Start' });
  const l1 = await co.content({ kind: 'lesson', title: 'L1', parent: start, position: 0 });
  const l2 = await co.content({ kind: 'lesson', title: 'L2', parent: start, position: 1 });
  const welcome = await co.content({ kind: 'post', title: 'Welcome' });
  await co.events(member('Ann'), [
    { kind: 'lesson_complete', content: l1, at: at('2026-03-02') },
    { kind: 'visit', content: welcome, at: at('2026-03-02', '11:00') },
    { kind: 'lesson_complete', content: l2, at: at('2026-03-04') },
    { kind: 'visit', at: at('2026-03-30') },
  ]);
  await co.events(member('Cat'), [
    { kind: 'lesson_view', content: l1, at: at('2026-03-06') },
    { kind: 'lesson_complete', content: l1, at: at('2026-03-06', '12:00') },
    { kind: 'message', at: at('2026-03-31', '18:00') },
  ]);
  await co.event(member('Dan'), { kind: 'lesson_view', content: l1, at: at('2026-03-10') });
  await co.events(member('Hal'), [
    { kind: 'visit', content: welcome, at: at('2026-03-20') },
    { kind: 'visit', content: welcome, at: at('2026-03-21') },
  ]);
  await scoring(pool, co.id, '2026-03-24T12:00:00Z', [
    [member('Ann'), 0.85, 'critical', ['days_since_activity']],
    [member('Kim'), 0.2, 'low', []],
  ]);
  await scoring(pool, co.id, '2026-03-31T12:00:00Z', [
    [member('Ann'), 0.1, 'low', []],
    [member('Kim'), 0.05, 'low', []],
    [member('Hal'), 0.35, 'medium', ['activity_trend']],
    [member('Dan'), 0.62, 'high', ['days_since_activity', 'tenure_days']],
    [member('Cat'), 0.82, 'critical', ['days_since_activity']],
    [member('Jon'), 0.91, 'critical', ['failed_payments_60', 'past_due']],
  ]);
  await scoring(pool, co.id, '2026-04-02T12:00:00Z', [[member('Ann'), 0.95, 'critical', ['past_due']]]);

  const other = await fx.company({ tier: 'enterprise', name: 'Other Co' });
  const big = await other.plan({ price: 99_900, periodDays: 30 });
  const whale = await other.member({ whopUserId: 'user_whale', name: 'Whale' });
  await other.subscribe(whale, big, { at: at('2026-03-05') });
  await other.content({ kind: 'post', title: 'Other post' });
  await other.events(whale, [
    { kind: 'message', at: at('2026-03-31') },
    { kind: 'message', at: at('2026-03-30') },
  ]);
  await scoring(pool, other.id, '2026-03-31T12:00:00Z', [[whale, 0.99, 'critical', ['past_due']]]);

  for (const id of [co.id, other.id]) {
    await ensureRevenueRollup(pool, id, asOf);
    await rollupEngagement(pool, id, '2026-01-01', '2026-04-01');
    await rollupContent(pool, id, '2026-01-01', '2026-04-01');
  }
  return { co, other, member };
}
