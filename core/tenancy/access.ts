// Who may use Pulse in a linked workspace, and where member-level answers may appear. Pure rules: the
// platform adapters say who the person is (admin? which roles?), these say what follows.
import type { WorkspaceLinkRow } from './workspace-links.repository.ts';

/** The person behind a chat request, as the platform reports them. */
export interface Actor {
  platform: 'discord' | 'slack';
  userId: string;
  displayName?: string;
  /** Discord: Manage Server (or Administrator) in this guild. Slack: workspace admin or owner. */
  isAdmin: boolean;
  /** Discord role ids; Slack user-group ids. */
  roleIds: string[];
}

/** `admin`: may also run setup. `granted`: given access by the creator (allowed roles). `none`: an ordinary member. */
export type AccessLevel = 'admin' | 'granted' | 'none';

export function accessLevel(link: Pick<WorkspaceLinkRow, 'allowedRoleIds'> | null, actor: Actor): AccessLevel {
  if (actor.isAdmin) return 'admin';
  if (!link) return 'none';
  // Slack installs may list people directly (user ids) as well as user groups.
  if (actor.roleIds.some((r) => link.allowedRoleIds.includes(r)) || link.allowedRoleIds.includes(actor.userId))
    return 'granted';
  return 'none';
}

/** Reference of a person for records (feedback, report links, coach memory): `discord:<id>` / `slack:<id>`. */
export function actorRef(actor: Pick<Actor, 'platform' | 'userId'>): string {
  return `${actor.platform}:${actor.userId}`;
}

/**
 * Member-level answers are ephemeral except in the creator's private staff channel; aggregate answers
 * are posted where they were asked.
 */
export function visibilityFor(
  link: Pick<WorkspaceLinkRow, 'staffChannelId'>,
  channelId: string | null,
  memberLevel: boolean,
): 'public' | 'ephemeral' {
  if (!memberLevel) return 'public';
  return link.staffChannelId !== null && channelId === link.staffChannelId ? 'public' : 'ephemeral';
}
