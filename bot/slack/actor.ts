// The person behind a Slack request as core/tenancy's Actor: admin when users.info says workspace admin or owner
// (of this team, not a guest, not someone from another organisation in a shared channel); roleIds are the
// user groups they belong to (usergroups.list, needs `usergroups:read`; without it, none — access.ts then
// falls back to user ids the creator allowed). Both are cached briefly: a click should not cost two API calls.
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/tenancy/index.ts';
import type { BotLogger } from '../deps.ts';

const USER_TTL_MS = 60_000;
const GROUPS_TTL_MS = 5 * 60_000;

interface Cached<T> {
  value: T;
  until: number;
}

export class SlackActors {
  private readonly users = new Map<string, Cached<Omit<Actor, 'roleIds'>>>();
  private readonly groups = new Map<string, Cached<Map<string, string[]>>>();
  private readonly log: BotLogger;
  private readonly nowMs: () => number;

  constructor(opts: { log: BotLogger; nowMs?: () => number }) {
    this.log = opts.log;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  async actorFor(client: WebClient, teamId: string, userId: string): Promise<Actor> {
    const [person, groups] = await Promise.all([this.person(client, teamId, userId), this.groupsOf(client, teamId)]);
    return { ...person, roleIds: groups.get(userId) ?? [] };
  }

  private async person(client: WebClient, teamId: string, userId: string): Promise<Omit<Actor, 'roleIds'>> {
    const key = `${teamId}:${userId}`;
    const hit = this.users.get(key);
    if (hit && hit.until > this.nowMs()) return hit.value;
    const { user } = await client.users.info({ user: userId });
    const isAdmin = Boolean(
      user &&
        user.team_id === teamId &&
        !user.deleted &&
        !user.is_restricted &&
        !user.is_ultra_restricted &&
        (user.is_admin || user.is_owner || user.is_primary_owner),
    );
    const displayName = user?.profile?.display_name || user?.real_name || user?.name;
    const value = { platform: 'slack' as const, userId, isAdmin, ...(displayName ? { displayName } : {}) };
    this.users.set(key, { value, until: this.nowMs() + USER_TTL_MS });
    return value;
  }

  /** User id → the ids of the user groups they are in, for one team. */
  private async groupsOf(client: WebClient, teamId: string): Promise<Map<string, string[]>> {
    const hit = this.groups.get(teamId);
    if (hit && hit.until > this.nowMs()) return hit.value;
    const byUser = new Map<string, string[]>();
    try {
      const res = await client.usergroups.list({ include_users: true });
      for (const g of res.usergroups ?? []) {
        for (const u of g.users ?? []) if (g.id) byUser.set(u, [...(byUser.get(u) ?? []), g.id]);
      }
    } catch (err) {
      // Usually missing_scope: access then rests on admins and allowed user ids.
      this.log.info({ err: err instanceof Error ? err.message : String(err) }, 'slack user groups unavailable');
    }
    this.groups.set(teamId, { value: byUser, until: this.nowMs() + GROUPS_TTL_MS });
    return byUser;
  }
}
