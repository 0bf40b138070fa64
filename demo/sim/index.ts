// The simulated Whop community: createSim streams members one at a time (bounded memory, 100k members
// and 10M activity events in seconds); materialize collects a small community into arrays.
import { arrivalCurve, joinTime } from './arrivals.ts';
import { buildBundle } from './bundle.ts';
import { buildCatalog } from './catalog.ts';
import { buildContent } from './content.ts';
import { idMaker } from './ids.ts';
import { simulateMember, type World } from './lifecycle.ts';
import { makePerson } from './people.ts';
import type { ProductKey } from './plans.ts';
import type { ProjectionContext } from './project.ts';
import { hashSeed, Rng } from '../../core/random.ts';
import { DAY_MS, monthEnds, monthsBefore } from './time.ts';
import { defaultWorld } from './worlds.ts';
import type { MaterializedSim, MemberBundle, Sim, SimOptions } from './types.ts';

export type * from './types.ts';
export { defaultWorld, worldByName, worldNames, worlds, type WorldName, type WorldShape } from './worlds.ts';

export function createSim(opts: SimOptions): Sim {
  const endMs = new Date(opts.endDate).getTime();
  if (!Number.isFinite(endMs)) throw new RangeError('endDate is not a valid date');
  if (!(opts.members >= 0) || !(opts.months >= 1)) throw new RangeError('members must be >= 0 and months >= 1');
  const startMs = monthsBefore(endMs, opts.months);
  const seed = opts.seed;
  const ids = idMaker(seed);
  const companyId = opts.companyId ?? ids.make('biz', 0);
  const catalog = buildCatalog(new Rng(hashSeed(seed, -1)), ids, companyId, startMs - 30 * DAY_MS);
  const content = buildContent(ids, startMs, endMs);
  const perMonth = opts.activityPerMemberPerMonth ?? 12;
  const horizonDays = opts.horizonDays ?? 90;
  const shape = opts.world ?? defaultWorld;
  const ends = monthEnds(startMs, endMs);
  const snapshotMs = ends[ends.length - 1] === endMs ? ends : [...ends, endMs];
  const productTitles = Object.fromEntries(
    catalog.products.map((p, i) => [(['pro', 'free', 'course'] as const)[i], p.title]),
  ) as Record<ProductKey, string>;
  const ctx: ProjectionContext = {
    company: { id: companyId, title: catalog.company.title, route: catalog.company.route },
    planIds: catalog.planIds,
    productIds: catalog.productIds,
    productTitles,
  };
  const curve = arrivalCurve(startMs, endMs);

  function* memberBundles(): Generator<MemberBundle> {
    const memberIds = idMaker(seed);
    const world: World = { ids: memberIds, endMs, horizonMs: endMs + horizonDays * DAY_MS, snapshotMs, shape };
    for (let i = 0; i < opts.members; i++) {
      const joinMs = joinTime(curve, i, opts.members, new Rng(hashSeed(seed, i, 0)), startMs, endMs);
      const person = makePerson(new Rng(hashSeed(seed, i, 3)), memberIds, i);
      const history = simulateMember(world, new Rng(hashSeed(seed, i, 1)), i, joinMs, person);
      yield buildBundle(history, ctx, content, memberIds, new Rng(hashSeed(seed, i, 2)), endMs, perMonth);
    }
  }

  return {
    options: {
      seed,
      members: opts.members,
      months: opts.months,
      activityPerMemberPerMonth: perMonth,
      horizonDays,
      world: shape,
      endDate: new Date(endMs),
      startDate: new Date(startMs),
      companyId,
    },
    company: catalog.company,
    products: catalog.products,
    plans: catalog.plans,
    courses: content.courses,
    lessons: content.lessons,
    channels: content.channels,
    forums: content.forums,
    memberBundles,
  };
}

/** The whole community in memory, for tests and the fake Whop API (keep it small). */
export function materialize(opts: SimOptions): MaterializedSim {
  const { memberBundles, ...sim } = createSim(opts);
  const out: MaterializedSim = {
    ...sim,
    members: [],
    memberships: [],
    payments: [],
    refunds: [],
    messages: [],
    forumPosts: [],
    lessonInteractions: [],
    visits: [],
    truth: [],
  };
  for (const b of memberBundles()) {
    out.members.push(b.member);
    out.memberships.push(...b.memberships);
    out.payments.push(...b.payments);
    out.refunds.push(...b.refunds);
    out.messages.push(...b.messages);
    out.forumPosts.push(...b.forumPosts);
    out.lessonInteractions.push(...b.lessonInteractions);
    for (const at of b.visits) out.visits.push({ userId: b.truth.userId, at });
    out.truth.push(b.truth);
  }
  const live = (status: string) => status !== 'canceled' && status !== 'expired' && status !== 'completed';
  out.company = { ...out.company, member_count: out.members.filter((m) => m.status === 'joined').length };
  out.products = out.products.map((p) => ({
    ...p,
    member_count: out.memberships.filter((m) => m.product.id === p.id && live(m.status)).length,
  }));
  out.plans = out.plans.map((p) => ({
    ...p,
    member_count: out.memberships.filter((m) => m.plan.id === p.id && live(m.status)).length,
  }));
  return out;
}
