// Two companies for the Discord suites, small enough to work every figure out by hand (docs/metrics.md#mrr: a 30-day
// plan is one month, so its MRR is its price). Asked on Apr 15, 2026 ("last month" = March).
//
// A "Acme Academy" ($10 / 30 days), guild A:
//   Ann  from Jan 5, 4 payments            counted on Feb 28 and Mar 31
//   Ben  from Feb 10, 3 payments           counted on Feb 28 and Mar 31
//   Cat  from Mar 3, 2 payments            new in March: +$10
//   Dan  from Jan 1, 2 payments, ended Mar 2 (second period Jan 31 – Mar 2): churned in March: -$10
//   => March: MRR $30.00 at both ends (3 customers each), ARR $360.00, net new $0, customer churn 1/3 = 33.3%.
//   Churn scores (Apr 15 03:00 UTC): Ann critical 80%, Ben high 60%, Cat medium 40%, Dan's none (he left);
//   five more members Eve..Ivy at medium 35% so the list has two pages of four (8 at risk).
//   Content: course "Getting Started" with lesson "Welcome video".
// B "Bolt Studio" ($99 / 30 days), guild B: Zed from Feb 1, 3 payments => MRR $99.00; Zed critical 90%.
import { prediction } from '../helpers/activity-fixtures.ts';
import { openFixtures } from '../helpers/fixtures.ts';

export const NOW = new Date('2026-04-15T12:00:00Z');
export const SCORED_AT = '2026-04-15T03:00:00Z';

export const GUILD_A = '810000000000000001';
export const GUILD_B = '820000000000000002';
export const GUILD_NEW = '830000000000000003';
export const GENERAL_A = '711000000000000001';
export const STAFF_A = '711000000000000099';
export const GENERAL_B = '722000000000000001';
export const HELPER_ROLE = '911000000000000001';

export const ADMIN_A = { userId: '611000000000000001', admin: true, name: 'Alice' };
export const MEMBER_A = { userId: '611000000000000002', name: 'Mo' };
export const HELPER_A = { userId: '611000000000000003', name: 'Hal', roles: [HELPER_ROLE] };
export const ADMIN_B = { userId: '622000000000000001', admin: true, name: 'Bea' };

export interface DiscordCompanies {
  a: { id: number; whopId: string; predictions: { ann: number; ben: number; cat: number }; courseId: number };
  b: { id: number; whopId: string; predictions: { zed: number } };
}

export async function buildCompanies(url: string): Promise<DiscordCompanies> {
  const fx = await openFixtures(url);
  try {
    const a = await fx.company({ name: 'Acme Academy', tier: 'pro' });
    const plan = await a.plan({ price: 1000, periodDays: 30 });
    const ann = await a.member({ name: 'Ann Archer' });
    const ben = await a.member({ name: 'Ben Baker' });
    const cat = await a.member({ name: 'Cat Cole' });
    const dan = await a.member({ name: 'Dan Dunn' });
    await a.subscribe(ann, plan, { at: '2026-01-05T10:00:00Z', payments: 4 });
    await a.subscribe(ben, plan, { at: '2026-02-10T10:00:00Z', payments: 3 });
    await a.subscribe(cat, plan, { at: '2026-03-03T10:00:00Z', payments: 2 });
    await a.subscribe(dan, plan, { at: '2026-01-01T10:00:00Z', payments: 2, endedAt: '2026-03-02T10:00:00Z' });
    const annP = await prediction(fx.sql, a.id, ann.id, { scoredAt: SCORED_AT, risk: 'critical', probability: 0.8 });
    const benP = await prediction(fx.sql, a.id, ben.id, { scoredAt: SCORED_AT, risk: 'high', probability: 0.6 });
    const catP = await prediction(fx.sql, a.id, cat.id, { scoredAt: SCORED_AT, risk: 'medium', probability: 0.4 });
    for (const name of ['Eve Ellis', 'Fay Ford', 'Gus Gray', 'Hub Hale', 'Ivy Irwin']) {
      const m = await a.member({ name });
      await prediction(fx.sql, a.id, m.id, { scoredAt: SCORED_AT, risk: 'medium', probability: 0.35 });
    }
    const course = await a.content({ kind: 'course', title: 'Getting Started' });
    await a.content({ kind: 'lesson', title: 'Welcome video', parent: course, position: 1 });

    const b = await fx.company({ name: 'Bolt Studio', tier: 'pro' });
    const bPlan = await b.plan({ price: 9900, periodDays: 30 });
    const zed = await b.member({ name: 'Zed Zimmer' });
    await b.subscribe(zed, bPlan, { at: '2026-02-01T10:00:00Z', payments: 3 });
    const zedP = await prediction(fx.sql, b.id, zed.id, { scoredAt: SCORED_AT, risk: 'critical', probability: 0.9 });
    return {
      a: { id: a.id, whopId: a.whopId, predictions: { ann: annP, ben: benP, cat: catP }, courseId: course.id },
      b: { id: b.id, whopId: b.whopId, predictions: { zed: zedP } },
    };
  } finally {
    await fx.close();
  }
}
