// Drill-down by membership and revenue by plan and by product on the hand-built March of scenario-march.ts
// (docs/metrics.md's worked example). Products are given to its plans here: "Community" = $10 and $30
// monthly, "Courses" = $90 quarterly and $120 annual; the trial plan, lifetime and free plans have none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { revenueBreakdown, type RevenueBreakdown } from '../../core/revenue/breakdown.service.ts';
import { revenueDrilldown, type Drilldown } from '../../core/revenue/drilldown.service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { at, buildMarchCompany } from './scenario-march.ts';

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
const asOf = new Date('2026-04-01T00:00:00Z');
const march = { from: '2026-03-01', to: '2026-04-01', asOf };
/** Whop membership ids by "member name/plan title" (the plan of the membership when it started). */
const memberships = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  co = await buildMarchCompany(fixtures(pool));
  const community = await co.product({ title: 'Community' });
  const courses = await co.product({ title: 'Courses' });
  await pool.query(
    `update plans set product_id = $2 where company_id = $1 and title in ('$10 monthly', '$30 monthly')`,
    [co.id, community.id],
  );
  await pool.query(`update plans set product_id = $2 where company_id = $1 and billing_period_days in (90, 365)`, [
    co.id,
    courses.id,
  ]);
  const { rows } = await pool.query<{ name: string; whop_id: string; started_at: Date }>(
    `select m.name, ms.whop_id, ms.started_at from memberships ms join members m on m.id = ms.member_id where ms.company_id = $1`,
    [co.id],
  );
  for (const r of rows) memberships.set(`${r.name} ${r.started_at.toISOString().slice(0, 10)}`, r.whop_id);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function drill(figure: string, extra: { offset?: number; limit?: number } = {}): Promise<Drilldown> {
  const result = await revenueDrilldown(pool, co.id, { ...march, figure, ...extra });
  if (!result.ok) throw new Error(result.limit.message);
  return result.value;
}
async function breakdown(by: string): Promise<RevenueBreakdown> {
  const result = await revenueBreakdown(pool, co.id, { ...march, by });
  if (!result.ok) throw new Error(result.limit.message);
  return result.value;
}
const rows = (d: Drilldown) => d.rows.map((r) => [r.name, r.membershipWhopId, r.plan, r.day, r.amountMinor]);
const mem = (nameAndStart: string) => memberships.get(nameAndStart) ?? `no membership ${nameAndStart}`;

describe('drill-down by membership (March)', () => {
  it('names the membership and plan behind each movement', async () => {
    expect(rows(await drill('new'))).toEqual([
      ['Cat', mem('Cat 2026-03-05'), '$30 monthly', '2026-03-05', 3000],
      ['Lee', mem('Lee 2026-03-10'), expect.stringMatching(/^plan_/), '2026-03-17', 3000], // untitled trial plan: its Whop id
      ['Fay', mem('Fay 2026-03-08'), '$10 monthly', '2026-03-08', 1000],
    ]);
    expect(rows(await drill('reactivation'))).toEqual([
      ['Gus', mem('Gus 2026-03-15'), '$10 monthly', '2026-03-15', 1000],
    ]);
    // Dan's membership moved from $10 to $30 monthly: the expansion belongs to the plan that gained.
    expect(rows(await drill('expansion'))).toEqual([['Dan', mem('Dan 2026-01-16'), '$30 monthly', '2026-03-03', 2000]]);
    // Eve left a $30 membership for a new $10 one: the contraction belongs to the membership that lost.
    expect(rows(await drill('contraction'))).toEqual([
      ['Eve', mem('Eve 2026-01-02'), '$30 monthly', '2026-03-20', 2000],
    ]);
    expect(rows(await drill('churn'))).toEqual([
      ['Ivy', mem('Ivy 2025-12-31'), '$10 monthly', '2026-03-01', 1000],
      ['Fay', mem('Fay 2026-03-08'), '$10 monthly', '2026-03-12', 1000],
      ['Ben', mem('Ben 2026-01-20'), '$10 monthly', '2026-03-21', 1000],
    ]);
    expect(rows(await drill('past_due'))).toEqual([['Jon', mem('Jon 2026-01-27'), '$10 monthly', '2026-03-31', 1000]]);
    expect(rows(await drill('recovered_payments'))).toEqual([
      ['Kim', mem('Kim 2026-01-12'), '$10 monthly', '2026-03-13', 1000],
    ]);
    expect(rows(await drill('refunds'))).toEqual([['Fay', mem('Fay 2026-03-08'), '$10 monthly', '2026-03-12', 1000]]);
  });

  it('adds up to the movement exactly and counts rows and customers', async () => {
    const figures: Array<[string, number, number]> = [
      ['new', 7000, 3],
      ['reactivation', 1000, 1],
      ['expansion', 2000, 1],
      ['contraction', 2000, 1],
      ['churn', 3000, 3],
      ['past_due', 1000, 1],
      ['recovered_payments', 1000, 1],
      ['refunds', 1000, 1],
    ];
    for (const [figure, total, count] of figures) {
      const d = await drill(figure);
      expect([figure, d.totalMinor, d.rows.reduce((s, r) => s + r.amountMinor, 0), d.count, d.customers]).toEqual([
        figure,
        total,
        total,
        count,
        count,
      ]);
    }
    // MRR at the end: 10 customers on 10 memberships (Dan's one membership is on the $30 plan by then).
    const end = await drill('mrr_end');
    expect([end.totalMinor, end.count, end.customers]).toEqual([18_000, 10, 10]);
  });

  it('pages the list with the totals of the whole list', async () => {
    const page = await drill('churn', { offset: 1, limit: 1 });
    expect([page.offset, page.count, page.listable, page.totalMinor]).toEqual([1, 3, 3, 3000]);
    expect(rows(page)).toEqual([['Fay', mem('Fay 2026-03-08'), '$10 monthly', '2026-03-12', 1000]]);
    expect((await drill('churn', { offset: 3, limit: 4 })).rows).toEqual([]);
    await expect(drill('churn', { offset: -1 })).rejects.toThrow(/offset must be a whole number/);
  });
});

describe('revenue by plan and by product (March)', () => {
  const brief = (b: RevenueBreakdown) =>
    b.rows.map((r) => ({
      title: r.title,
      mrr: [r.mrrStartMinor, r.mrrEndMinor],
      customers: [r.customersStart, r.customersEnd],
      moves: [
        r.movements.newMinor,
        r.movements.reactivationMinor,
        r.movements.expansionMinor,
        r.movements.contractionMinor,
        r.movements.churnMinor,
        r.movedMinor,
      ],
      arpu: r.arpuMinor.available ? r.arpuMinor.value : null,
    }));

  it('per plan: worked by hand, largest MRR at the end first', async () => {
    const b = await breakdown('plan');
    // moves = [new, reactivation, expansion, contraction, churn, moved].
    expect(brief(b)).toEqual([
      // $30 monthly: Eve 3000 at the start. Cat new 3000; Dan expansion 2000 and 1000 moved in from $10 (his
      // 1000 there); Eve contraction 2000 and 1000 moved out to $10 (her new 1000 there). End: Cat + Dan = 6000.
      { title: '$30 monthly', mrr: [3000, 6000], customers: [1, 2], moves: [3000, 0, 2000, 2000, 0, 0], arpu: 3000 },
      // $10 monthly: Ann, Ben, Dan, Ivy, Jon, Kim = 6000. Fay new 1000, Gus back 1000, churn Ivy + Fay + Ben 3000;
      // Dan's 1000 moved out, Eve's 1000 moved in. End: Ann, Eve, Gus, Jon, Kim = 5000.
      { title: '$10 monthly', mrr: [6000, 5000], customers: [6, 5], moves: [1000, 1000, 0, 0, 3000, 0], arpu: 1000 },
      {
        title: expect.stringMatching(/^plan_/),
        mrr: [3000, 3000],
        customers: [1, 1],
        moves: [0, 0, 0, 0, 0, 0],
        arpu: 3000,
      }, // Ned, quarterly
      {
        title: expect.stringMatching(/^plan_/),
        mrr: [0, 3000],
        customers: [0, 1],
        moves: [3000, 0, 0, 0, 0, 0],
        arpu: 3000,
      }, // Lee, trial plan
      {
        title: expect.stringMatching(/^plan_/),
        mrr: [1000, 1000],
        customers: [1, 1],
        moves: [0, 0, 0, 0, 0, 0],
        arpu: 1000,
      }, // Hal, annual
    ]);
    expect(b.total).toEqual({
      mrrStartMinor: 13_000,
      mrrEndMinor: 18_000,
      customersStart: 9,
      customersEnd: 10,
      movements: {
        newMinor: 7000,
        reactivationMinor: 1000,
        expansionMinor: 2000,
        contractionMinor: 2000,
        churnMinor: 3000,
        netNewMinor: 5000,
      },
    });
    // The $30 plan's moves: Dan +1000 in, Eve -1000 out: net 0 here, so each row's own bridge holds.
    for (const r of b.rows) expect(r.mrrStartMinor + r.movements.netNewMinor + r.movedMinor).toBe(r.mrrEndMinor);
  });

  it('per product: plan changes inside a product are its own expansion and contraction', async () => {
    const b = await breakdown('product');
    expect(brief(b)).toEqual([
      // Community = $10 + $30: 6000 + 3000 at the start (7 customers); new Fay 1000 + Cat 3000, Gus 1000 back,
      // Dan +2000, Eve -2000, churn 3000; end 5000 + 6000 = 11000 (Ann, Eve, Gus, Jon, Kim, Cat, Dan).
      {
        title: 'Community',
        mrr: [9000, 11_000],
        customers: [7, 7],
        moves: [4000, 1000, 2000, 2000, 3000, 0],
        arpu: 1571,
      },
      { title: 'Courses', mrr: [4000, 4000], customers: [2, 2], moves: [0, 0, 0, 0, 0, 0], arpu: 2000 }, // Ned 3000 + Hal 1000
      { title: 'No product', mrr: [0, 3000], customers: [0, 1], moves: [3000, 0, 0, 0, 0, 0], arpu: 3000 }, // Lee's trial plan
    ]);
    expect(b.rows.at(-1)!.id).toBeNull();
    // 11000 / 7 = 1571.43 -> 1571.
  });

  it('rejects an unknown breakdown with a clear error', async () => {
    await expect(breakdown('country')).rejects.toThrow(/by must be plan or product, not "country"/);
  });
});

describe('a customer on two plans at once', () => {
  it('counts as a customer of each plan; MRR still adds up', async () => {
    const other = await fixtures(pool).company({ tier: 'enterprise' });
    const a = await other.plan({ price: 1000, periodDays: 30, title: 'A' });
    const b = await other.plan({ price: 2500, periodDays: 30, title: 'B' });
    const zed = await other.member({ name: 'Zed' });
    await other.subscribe(zed, a, { at: at('2026-03-02'), payments: 1 });
    await other.subscribe(zed, b, { at: at('2026-03-09'), payments: 1 });
    const r = await revenueBreakdown(pool, other.id, {
      from: '2026-03-01',
      to: '2026-03-11',
      asOf: new Date('2026-03-11T00:00:00Z'),
      by: 'plan',
    });
    if (!r.ok) throw new Error(r.limit.message);
    // Zed is new on Mar 2 with A (1000), expands by 2500 on Mar 9 with B: one customer, 3500 MRR.
    expect(
      r.value.rows.map((x) => [
        x.title,
        x.mrrEndMinor,
        x.customersEnd,
        x.movements.newMinor,
        x.movements.expansionMinor,
      ]),
    ).toEqual([
      ['B', 2500, 1, 0, 2500],
      ['A', 1000, 1, 1000, 0],
    ]);
    expect([r.value.total.mrrEndMinor, r.value.total.customersEnd]).toEqual([3500, 1]);
  });
});
