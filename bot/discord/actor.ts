// Who is asking and where: the Actor and ChatRequest of an interaction. Admin rights come from the member's
// resolved permissions in the channel (Manage Server or Administrator); roles are the member's role ids.
// Only what Discord signed is used: the guild id decides the tenant, never anything the user typed.
import { PermissionFlagsBits, type APIInteraction } from 'discord.js';
import type { Actor } from '../../core/tenancy/index.ts';
import type { ChatRequest } from '../requests.ts';

const adminBits = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

function hasAdminBits(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  return (BigInt(permissions) & adminBits) !== 0n;
}

export function actorOf(interaction: APIInteraction): Actor {
  const member = interaction.member;
  const user = member?.user ?? interaction.user;
  return {
    platform: 'discord',
    userId: user?.id ?? 'unknown',
    displayName: member?.nick ?? user?.global_name ?? user?.username,
    isAdmin: member ? hasAdminBits(member.permissions) : false,
    roleIds: member?.roles ?? [],
  };
}

/** The neutral request of an interaction in a guild; null in a DM (no tenant can be resolved there). */
export function chatRequestOf(interaction: APIInteraction): ChatRequest | null {
  if (!interaction.guild_id || !interaction.member) return null;
  return {
    platform: 'discord',
    workspaceId: interaction.guild_id,
    actor: actorOf(interaction),
    channelId: interaction.channel?.id ?? interaction.channel_id ?? null,
  };
}
