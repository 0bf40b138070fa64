// One member's life in the community, simulated day by day from joining to the end of the hidden
// horizon: engagement, churn decisions, renewals, card failures, plan changes, refunds, comebacks.
import { drawBase, stepEngagement } from './behaviour.ts';
import type { MemberHistory, Snapshot } from './history.ts';
import { freeMemberDay, subscriberDay } from './member-days.ts';
import { begin, snapshot, type MemberState, type World } from './member-state.ts';
import { planSpec, type PlanKey } from './plans.ts';
import { cumulative, type Rng } from '../../core/random.ts';
import { DAY_MS } from './time.ts';

export type { World } from './member-state.ts';

const SIGNUP_PLANS: PlanKey[] = [
  'free',
  'lite_monthly',
  'monthly',
  'trial_monthly',
  'quarterly',
  'annual',
  'vip_monthly',
  'lifetime',
];
const SIGNUP_CUM = cumulative(SIGNUP_PLANS.map((k) => planSpec(k).signupWeight));

export interface Person {
  userId: string;
  memberId: string;
  name: string;
  username: string;
  email: string;
}

export function simulateMember(world: World, rng: Rng, index: number, joinMs: number, person: Person): MemberHistory {
  const firstPlan = SIGNUP_PLANS[rng.weighted(SIGNUP_CUM)]!;
  let base = drawBase(rng);
  if (firstPlan === 'annual' || firstPlan === 'lifetime' || firstPlan === 'vip_monthly')
    base = Math.min(0.98, base * 1.15 + 0.05);
  if (firstPlan === 'free') base *= 0.75;
  const joinDay = Math.floor(joinMs / DAY_MS);
  const lastDay = Math.floor(world.horizonMs / DAY_MS);
  const path = new Float32Array(Math.max(1, Math.floor(world.endMs / DAY_MS) - joinDay + 1));
  const st: MemberState = {
    world,
    ids: world.ids,
    rng,
    eng: { base, momentum: 1.3, decaying: false },
    joinDay,
    memberships: [],
    churns: [],
    presence: [],
    presentFrom: joinMs,
    sub: null,
    subStartMs: joinMs,
    free: null,
    lifetime: false,
    course: false,
    returnDay: -1,
    cum: 0,
    threshold: rng.exp(1),
  };
  const snapshots: Snapshot[] = [];
  const snaps = world.snapshotMs;
  let snapIdx = snaps.findIndex((s) => s > joinMs);
  if (snapIdx < 0) snapIdx = snaps.length;
  begin(st, firstPlan, joinMs);

  for (let day = joinDay; day <= lastDay; day++) {
    const dayMs = day * DAY_MS;
    const e = stepEngagement(st.eng, rng);
    if (st.presentFrom !== null && day - joinDay < path.length) path[day - joinDay] = e;
    for (; snapIdx < snaps.length && snaps[snapIdx]! <= dayMs; snapIdx++)
      snapshots.push(snapshot(st, snaps[snapIdx]!, e));
    if (st.returnDay === day && st.sub === null) {
      st.returnDay = -1;
      const at = dayMs + rng.int(DAY_MS);
      st.eng.momentum = 1.15;
      st.eng.decaying = false;
      st.presentFrom = at;
      begin(st, rng.chance(0.7) ? 'monthly' : 'lite_monthly', at);
    }
    if (st.sub) subscriberDay(st, st.sub, day, e);
    else if (st.free) freeMemberDay(st, st.free, day, e);
    for (; snapIdx < snaps.length && snaps[snapIdx]! < dayMs + DAY_MS; snapIdx++)
      snapshots.push(snapshot(st, snaps[snapIdx]!, e));
    if (dayMs > world.endMs && st.sub === null && st.returnDay < day) break;
  }
  if (st.presentFrom !== null) st.presence.push([st.presentFrom, Math.max(st.presentFrom, world.endMs)]);
  return {
    index,
    ...person,
    joinMs,
    baseEngagement: base,
    path,
    pathStartDay: joinDay,
    presence: st.presence,
    memberships: st.memberships,
    churns: st.churns,
    snapshots,
    subscribedAtHorizon: st.sub !== null,
  };
}
