// Two companies for the Slack suites, small enough to work every figure out by hand (docs/metrics.md#mrr: a 30-day plan
// is one month, so its MRR is its price).
//
// A "Acme Academy" ($10 / 30 days), asked about March 2026 ("last month" on Apr 15):
//   Ann  from Jan 5, 4 payments            counted on Feb 28 and Mar 31
//   Ben  from Feb 10, 3 payments           counted on Feb 28 and Mar 31
//   Cat  from Mar 3, 2 payments            new in March: +$10
//   Dan  from Jan 1, 2 payments, ended Mar 2 (second period Jan 31 – Mar 2): churned in March: -$10
//   => MRR $30.00 at both ends (3 customers each), ARR $360.00, net new $0, customer churn 1 / 3 = 33.3%,
//      ARPU $30.00 / 3 = $10.00.
//   Churn scores (Apr 15 03:00 UTC): Ann critical 80%, Ben high 60%.
// B "Bolt Studio" ($99 / 30 days): Zed from Feb 1, 3 payments => MRR $99.00; Zed critical 90%.
import { prediction } from '../helpers/activity-fixtures.ts';
import { openFixtures } from '../helpers/fixtures.ts';
import { startSlackRig, type SlackRig } from './harness.ts';

export const NOW = new Date('2026-04-15T12:00:00Z');
export const SCORED_AT = '2026-04-15T03:00:00Z';

export interface SlackCompanies {
  a: { id: number; whopId: string; predictions: { ann: number; ben: number } };
  b: { id: number; whopId: string; predictions: { zed: number } };
}

export async function buildCompanies(url: string): Promise<SlackCompanies> {
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

    const b = await fx.company({ name: 'Bolt Studio', tier: 'pro' });
    const bPlan = await b.plan({ price: 9900, periodDays: 30 });
    const zed = await b.member({ name: 'Zed Zimmer' });
    await b.subscribe(zed, bPlan, { at: '2026-02-01T10:00:00Z', payments: 3 });
    const zedP = await prediction(fx.sql, b.id, zed.id, { scoredAt: SCORED_AT, risk: 'critical', probability: 0.9 });
    return {
      a: { id: a.id, whopId: a.whopId, predictions: { ann: annP, ben: benP } },
      b: { id: b.id, whopId: b.whopId, predictions: { zed: zedP } },
    };
  } finally {
    await fx.close();
  }
}

/** Slack teams and people: A's admin and an ordinary member, B's admin. */
export const TEAM_A = 'TACME0001';
export const TEAM_B = 'TBOLT0002';
export const ADMIN_A = { teamId: TEAM_A, userId: 'UADMINA01', channelId: 'CGENERALA1' };
export const MEMBER_A = { teamId: TEAM_A, userId: 'UMEMBERA2', channelId: 'CGENERALA1' };
export const ADMIN_B = { teamId: TEAM_B, userId: 'UADMINB01', channelId: 'CGENERALB1' };

/** The rig with both companies, team A and B linked, and their admins and member known to the fake Slack. */
export async function startTwoTeams(): Promise<{ rig: SlackRig; co: SlackCompanies }> {
  const rig = await startSlackRig({ now: () => NOW });
  const co = await buildCompanies(rig.db.url);
  await rig.link(TEAM_A, co.a.id);
  await rig.link(TEAM_B, co.b.id);
  rig.fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, isAdmin: true });
  rig.fake.addUser({ id: MEMBER_A.userId, teamId: TEAM_A });
  rig.fake.addUser({ id: ADMIN_B.userId, teamId: TEAM_B, isAdmin: true });
  return { rig, co };
}
