// Turns one simulated member's history into the Whop objects visible at endDate, plus activity and truth.
import type { RefundRetrieveResponse } from '@whop/sdk/resources/refunds';
import type { Membership, Payment } from '@whop/sdk/resources/shared';
import { generateActivity } from './activity.ts';
import type { Content } from './content.ts';
import type { MemberHistory, Snapshot } from './history.ts';
import type { IdMaker } from './ids.ts';
import { projectMember } from './people.ts';
import { projectMembership, projectPayment, projectRefund, type ProjectionContext, type UserRef } from './project.ts';
import type { Rng } from '../../core/random.ts';
import { iso } from './time.ts';
import type { MemberBundle, Truth, TruthSnapshot } from './types.ts';

export function buildBundle(
  h: MemberHistory,
  ctx: ProjectionContext,
  content: Content,
  ids: IdMaker,
  rng: Rng,
  endMs: number,
  perMonth: number,
): MemberBundle {
  const user: UserRef = { id: h.userId, email: h.email, name: h.name, username: h.username, memberId: h.memberId };
  const memberships: Membership[] = [];
  const payments: Payment[] = [];
  const refunds: RefundRetrieveResponse[] = [];
  let spentCents = 0;
  for (const rec of h.memberships) {
    if (rec.createdMs > endMs) continue;
    memberships.push(projectMembership(ctx, rec, endMs, user));
    for (const pay of rec.payments) {
      if (pay.createdMs > endMs) continue;
      const p = projectPayment(ctx, pay, rec, endMs, user);
      payments.push(p);
      if (p.paid_at !== null) spentCents += pay.amountCents;
      if (p.refunds.length > 0) {
        refunds.push(projectRefund(p, pay));
        spentCents -= pay.refund!.cents;
      }
    }
  }
  const activity = generateActivity(h, content, ids, rng, endMs, perMonth);
  return {
    index: h.index,
    member: projectMember(ctx, h, memberships, spentCents),
    memberships,
    payments,
    refunds,
    ...activity,
    truth: truthOf(h),
  };
}

const snap = (s: Snapshot): TruthSnapshot => ({
  at: iso(s.atMs),
  engagement: s.engagement,
  subscribed: s.subscribed,
  hazardDaily: s.hazardDaily,
  hazard30d: s.hazard30d,
});

function truthOf(h: MemberHistory): Truth {
  const snapshots = h.snapshots.map(snap);
  const end = snapshots[snapshots.length - 1] ?? {
    at: '',
    engagement: 0,
    subscribed: false,
    hazardDaily: 0,
    hazard30d: 0,
  };
  const last = h.churns[h.churns.length - 1];
  const final = h.subscribedAtHorizon ? undefined : last;
  return {
    userId: h.userId,
    engagement: end.engagement,
    engagementLevel: end.engagement,
    baseEngagement: h.baseEngagement,
    subscribed: end.subscribed,
    hazardDaily: end.hazardDaily,
    hazard30d: end.hazard30d,
    churnDate: final ? iso(final.churnMs) : null,
    churnKind: final?.kind ?? null,
    churns: h.churns.map((c) => ({ initiatedAt: iso(c.initiatedMs), churnedAt: iso(c.churnMs), kind: c.kind })),
    snapshots,
  };
}
