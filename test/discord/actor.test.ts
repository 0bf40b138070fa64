// Who is asking, from the interaction Discord signed: Manage Server or Administrator in the member's resolved
// permissions makes an admin; roles are the member's role ids; a DM has no chat request (no tenant).
import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIInteraction } from 'discord.js';
import { actorOf, chatRequestOf } from '../../bot/discord/actor.ts';
import { slash } from './interactions.ts';

const withPermissions = (permissions: bigint, roles: string[] = []) => {
  const i = slash(
    {
      guildId: '800000000000000001',
      channelId: '700000000000000009',
      person: { userId: '600000000000000001', roles, name: 'Ann' },
    },
    'help',
  ) as unknown as APIInteraction;
  return { ...i, member: { ...i.member!, permissions: String(permissions) } } as APIInteraction;
};

describe('the actor of an interaction', () => {
  it('is an admin with Manage Server or Administrator, and not with lesser permissions', () => {
    expect(actorOf(withPermissions(PermissionFlagsBits.ManageGuild)).isAdmin).toBe(true);
    expect(actorOf(withPermissions(PermissionFlagsBits.Administrator)).isAdmin).toBe(true);
    expect(
      actorOf(
        withPermissions(
          PermissionFlagsBits.ManageChannels | PermissionFlagsBits.KickMembers | PermissionFlagsBits.SendMessages,
        ),
      ).isAdmin,
    ).toBe(false);
  });

  it("carries the member's id, name and roles; the request names the guild and channel", () => {
    const i = withPermissions(PermissionFlagsBits.SendMessages, ['911000000000000001']);
    expect(actorOf(i)).toEqual({
      platform: 'discord',
      userId: '600000000000000001',
      displayName: 'Ann',
      isAdmin: false,
      roleIds: ['911000000000000001'],
    });
    expect(chatRequestOf(i)).toMatchObject({
      platform: 'discord',
      workspaceId: '800000000000000001',
      channelId: '700000000000000009',
    });
  });

  it('gives no chat request in a DM', () => {
    expect(
      chatRequestOf(
        slash({ guildId: null, person: { userId: '600000000000000001' } }, 'help') as unknown as APIInteraction,
      ),
    ).toBeNull();
  });
});
