// Raw Discord interaction payloads as Discord sends them (API v10): slash commands (with subcommands and
// options), autocomplete, button and select clicks, modal submissions and PING, from a guild member with or
// without Manage Server, or from a DM.
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { snowflake } from '../fakes/discord/wire.ts';

export const APP_ID = '900000000000000001';

export interface Person {
  userId: string;
  admin?: boolean;
  roles?: string[];
  name?: string;
}

export interface Where {
  /** null: a DM. */
  guildId: string | null;
  channelId?: string;
  person: Person;
}

type Json = Record<string, unknown>;

const memberPermissions = (admin: boolean) =>
  String(
    admin
      ? PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages
      : PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
  );

function envelope(type: InteractionType, where: Where, data?: Json, extra: Json = {}): Json {
  const user = {
    id: where.person.userId,
    username: where.person.name ?? `user${where.person.userId.slice(-4)}`,
    global_name: where.person.name ?? null,
    discriminator: '0',
    avatar: null,
  };
  const channelId = where.channelId ?? '700000000000000001';
  return {
    id: snowflake(),
    application_id: APP_ID,
    type,
    token: `itok_${randomBytes(24).toString('base64url')}`,
    version: 1,
    ...(data ? { data } : {}),
    ...(where.guildId
      ? {
          guild_id: where.guildId,
          guild: { id: where.guildId, locale: 'en-US', features: [] },
          member: {
            user,
            roles: where.person.roles ?? [],
            permissions: memberPermissions(where.person.admin ?? false),
            nick: null,
            joined_at: '2025-01-01T00:00:00.000Z',
            deaf: false,
            mute: false,
            flags: 0,
          },
          context: 0,
        }
      : { user, context: 1 }),
    channel_id: channelId,
    channel: { id: channelId, type: where.guildId ? 0 : 1 },
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: where.guildId ?? '0' },
    attachment_size_limit: 10485760,
    ...extra,
  };
}

export function ping(): Json {
  return {
    id: snowflake(),
    application_id: APP_ID,
    type: InteractionType.Ping,
    token: `itok_${randomBytes(24).toString('base64url')}`,
    version: 1,
    user: { id: '1', username: 'discord', discriminator: '0', avatar: null, global_name: null },
  };
}

/** An option value; a channel or role picker's value is given as { channel: id } / { role: id }. */
export type OptionInput = string | number | boolean | { channel: string } | { role: string };

function basicOptions(options: Record<string, OptionInput>, focused?: string): Json[] {
  return Object.entries(options).map(([name, value]) => {
    if (typeof value === 'object') {
      const picked =
        'channel' in value
          ? { type: ApplicationCommandOptionType.Channel, value: value.channel }
          : { type: ApplicationCommandOptionType.Role, value: value.role };
      return { name, ...picked };
    }
    return {
      name,
      type:
        typeof value === 'boolean'
          ? ApplicationCommandOptionType.Boolean
          : typeof value === 'number'
            ? ApplicationCommandOptionType.Integer
            : ApplicationCommandOptionType.String,
      value,
      ...(name === focused ? { focused: true } : {}),
    };
  });
}

function commandData(name: string, options: Record<string, OptionInput>, focused?: string): Json {
  const [top, ...rest] = name.split(' ');
  const basic = basicOptions(options, focused);
  const nested = rest.length
    ? [{ type: ApplicationCommandOptionType.Subcommand, name: rest.join('-'), options: basic }]
    : basic;
  return { id: snowflake(), name: top, type: ApplicationCommandType.ChatInput, options: nested };
}

/** `/name` with options, e.g. slash(where, 'report link', { kind: 'revenue' }). */
export function slash(where: Where, name: string, options: Record<string, OptionInput> = {}): Json {
  return envelope(InteractionType.ApplicationCommand, where, commandData(name, options));
}

/** Typing in option `focused` (its partial value is in `options`). */
export function autocomplete(where: Where, name: string, options: Record<string, OptionInput>, focused: string): Json {
  return envelope(InteractionType.ApplicationCommandAutocomplete, where, commandData(name, options, focused));
}

export interface ClickedMessage {
  id?: string;
  ephemeral?: boolean;
}

function message(where: Where, m: ClickedMessage): Json {
  return {
    id: m.id ?? snowflake(),
    channel_id: where.channelId ?? '700000000000000001',
    type: 0,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    author: { id: APP_ID, username: 'Pulse', bot: true, discriminator: '0', avatar: null, global_name: null },
    flags: m.ephemeral ? MessageFlags.Ephemeral : 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    mentions: [],
    mention_roles: [],
    pinned: false,
    tts: false,
    mention_everyone: false,
  };
}

export function click(where: Where, customId: string, m: ClickedMessage = {}): Json {
  return envelope(
    InteractionType.MessageComponent,
    where,
    { custom_id: customId, component_type: ComponentType.Button },
    { message: message(where, m) },
  );
}

export function choose(where: Where, customId: string, values: string[], m: ClickedMessage = {}): Json {
  return envelope(
    InteractionType.MessageComponent,
    where,
    { custom_id: customId, component_type: ComponentType.StringSelect, values },
    { message: message(where, m) },
  );
}

/** Submits a modal whose text inputs (Label layout) hold `fields` by custom id. */
export function submitModal(where: Where, customId: string, fields: Record<string, string>): Json {
  const components = Object.entries(fields).map(([id, value], i) => ({
    type: ComponentType.Label,
    id: i + 1,
    component: { type: ComponentType.TextInput, id: i + 10, custom_id: id, value },
  }));
  return envelope(InteractionType.ModalSubmit, where, { custom_id: customId, components });
}
