import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSim, materialize, type SimOptions } from '../../demo/sim/index.ts';

const opts: SimOptions = { seed: 'determinism', members: 300, months: 12, endDate: '2026-06-15T12:00:00Z' };
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('simulator determinism', () => {
  it('the same seed gives the same community, object for object', () => {
    const a = materialize(opts);
    const b = materialize(opts);
    expect(digest(a)).toBe(digest(b));
    expect(a.payments.length).toBeGreaterThan(300);
  });

  it('iterating the member stream twice yields the same bundles', () => {
    const sim = createSim(opts);
    const first = [...sim.memberBundles()].map(digest);
    const second = [...sim.memberBundles()].map(digest);
    expect(second).toEqual(first);
  });

  it('a different seed gives a different community', () => {
    const a = materialize(opts);
    const b = materialize({ ...opts, seed: 'determinism-2' });
    expect(b.company.id).not.toBe(a.company.id);
    expect(digest(b.payments)).not.toBe(digest(a.payments));
    expect(b.members.map((m) => m.user?.id)).not.toEqual(a.members.map((m) => m.user?.id));
  });

  it('numeric and string seeds both work, and the company id can be given', () => {
    const sim = createSim({ ...opts, seed: 7, companyId: 'biz_given' });
    expect(sim.company.id).toBe('biz_given');
    const bundle = sim.memberBundles().next().value!;
    expect(bundle.memberships[0]!.company.id).toBe('biz_given');
  });

  it('ids are unique and Whop-shaped', () => {
    const m = materialize(opts);
    const ids = [
      ...m.members.map((x) => x.id),
      ...m.members.map((x) => x.user!.id),
      ...m.memberships.map((x) => x.id),
      ...m.payments.map((x) => x.id),
      ...m.refunds.map((x) => x.id),
      ...m.messages.map((x) => x.message.id),
      ...m.forumPosts.map((x) => x.post.id),
      ...m.lessonInteractions.map((x) => x.id),
      ...m.plans.map((x) => x.id),
      ...m.products.map((x) => x.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const [list, prefix] of [
      [m.members, 'mber'],
      [m.memberships, 'mem'],
      [m.payments, 'pay'],
      [m.refunds, 'rf'],
      [m.plans, 'plan'],
      [m.products, 'prod'],
    ] as const) {
      for (const x of list) expect(x.id).toMatch(new RegExp(`^${prefix}_[0-9A-Za-z]{14}$`));
    }
    expect(m.company.id).toMatch(/^biz_[0-9A-Za-z]{14}$/);
  });

  it('emits nothing after endDate', () => {
    const m = materialize(opts);
    const end = new Date(opts.endDate).toISOString();
    const times = [
      ...m.memberships.flatMap((x) => [x.created_at, x.updated_at, x.canceled_at]),
      ...m.payments.flatMap((x) => [x.created_at, x.paid_at, x.updated_at, x.refunded_at]),
      ...m.refunds.map((x) => x.created_at),
      ...m.messages.map((x) => x.message.created_at),
      ...m.forumPosts.map((x) => x.post.created_at),
      ...m.lessonInteractions.map((x) => x.created_at),
      ...m.visits.map((v) => new Date(v.at).toISOString()),
    ].filter((t): t is string => t !== null);
    expect(times.every((t) => t <= end)).toBe(true);
  });
});
