// Names, usernames and e-mail addresses for simulated members, and their Whop member objects.
import type { MemberRetrieveResponse } from '@whop/sdk/resources/members';
import type { MemberMostRecentActions, Membership } from '@whop/sdk/resources/shared';
import type { MemberHistory } from './history.ts';
import type { IdMaker } from './ids.ts';
import type { Person } from './lifecycle.ts';
import type { ProjectionContext } from './project.ts';
import type { Rng } from '../../core/random.ts';
import { iso } from './time.ts';

const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Noah',
  'Emma',
  'Liam',
  'Olivia',
  'Mia',
  'Lucas',
  'Sofia',
  'Mateo',
  'Aisha',
  'Yuki',
  'Priya',
  'Omar',
  'Lena',
  'Ivan',
  'Chen',
  'Zoe',
];
const LAST = [
  'Smith',
  'Garcia',
  'Kim',
  'Nguyen',
  'Patel',
  'Muller',
  'Rossi',
  'Silva',
  'Cohen',
  'Ito',
  'Novak',
  'Brown',
  'Lopez',
  'Khan',
  'Dubois',
  'Larsen',
  'Okafor',
  'Haddad',
  'Schmidt',
  'Jones',
];

export function makePerson(rng: Rng, ids: IdMaker, index: number): Person {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const username = `${first}${last}${index}`.toLowerCase();
  return {
    userId: ids.make('user', index + 1),
    memberId: ids.make('mber', index),
    name: `${first} ${last}`,
    username,
    email: `${username}@example.com`,
  };
}

function mostRecentAction(memberships: Membership[]): MemberMostRecentActions {
  const has = (s: string) => memberships.some((m) => m.status === s);
  if (has('past_due')) return 'past_due';
  if (has('canceling')) return 'canceling';
  if (has('trialing')) return 'trialing';
  const live = memberships.filter((m) => m.status === 'active');
  if (live.some((m) => m.renewal_period_end !== null))
    return memberships.length > 1 || live.length > 1 ? 'renewing' : 'paid_subscriber';
  if (live.some((m) => m.currency !== null)) return 'paid_once';
  if (live.length > 0) return 'joined';
  return memberships.some((m) => m.currency !== null) ? 'churned' : 'left';
}

/** The member as GET /members/{id} returns it at T. */
export function projectMember(
  ctx: ProjectionContext,
  h: MemberHistory,
  memberships: Membership[],
  spentCents: number,
): MemberRetrieveResponse {
  const updated = memberships.reduce((max, m) => (m.updated_at > max ? m.updated_at : max), iso(h.joinMs));
  const live = memberships.some((m) => m.status !== 'canceled' && m.status !== 'expired' && m.status !== 'completed');
  return {
    id: h.memberId,
    access_level: 'customer',
    company: ctx.company,
    company_token_balance: 0,
    created_at: iso(h.joinMs),
    joined_at: iso(h.joinMs),
    most_recent_action: mostRecentAction(memberships),
    most_recent_action_at: updated,
    phone: null,
    status: live ? 'joined' : 'left',
    updated_at: updated,
    usd_total_spent: spentCents / 100,
    user: { id: h.userId, email: h.email, name: h.name, username: h.username },
  };
}
