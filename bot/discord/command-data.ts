// Discord's view of the platform-neutral commands: discord.js SlashCommandBuilders built from `commands`.
// Names are paths ('revenue', 'report link', 'pulse setup'): grouped by first word, a group of one bare name
// is a top-level command with options, anything else becomes subcommands. Every command needs Manage Server
// by default (the creator can grant roles in Server Settings > Integrations) and is not usable in DMs.
import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandOption } from '../commands/types.ts';

type OptionHost = SlashCommandBuilder | SlashCommandSubcommandBuilder;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function addOption(host: OptionHost, o: CommandOption): void {
  const common = <T extends { setName(n: string): T; setDescription(d: string): T; setRequired(r: boolean): T }>(
    b: T,
  ) =>
    b
      .setName(o.name)
      .setDescription(clip(o.description, 100))
      .setRequired(o.required ?? false);
  if (o.type === 'boolean') {
    host.addBooleanOption((b) => common(b));
  } else if (o.type === 'channel') {
    host.addChannelOption((b) => common(b).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement));
  } else if (o.type === 'role') {
    host.addRoleOption((b) => common(b));
  } else if (o.type === 'integer') {
    host.addIntegerOption((b) => {
      common(b);
      if (o.min !== undefined) b.setMinValue(o.min);
      if (o.max !== undefined) b.setMaxValue(o.max);
      if (o.choices?.length)
        b.addChoices(...o.choices.slice(0, 25).map((c) => ({ name: clip(c.name, 100), value: Number(c.value) })));
      else if (o.autocomplete) b.setAutocomplete(true);
      return b;
    });
  } else {
    host.addStringOption((b) => {
      common(b);
      if (o.min !== undefined) b.setMinLength(o.min);
      if (o.max !== undefined) b.setMaxLength(o.max);
      if (o.choices?.length)
        b.addChoices(...o.choices.slice(0, 25).map((c) => ({ name: clip(c.name, 100), value: String(c.value) })));
      else if (o.autocomplete) b.setAutocomplete(true);
      return b;
    });
  }
}

/** Discord wants required options first. */
function addOptions(host: OptionHost, options: CommandOption[]): void {
  for (const o of [...options].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)))
    addOption(host, o);
}

/** The commands grouped by their first word, in first-seen order. */
export function groupCommands(commands: Command[]): Map<string, Command[]> {
  const groups = new Map<string, Command[]>();
  for (const c of commands) {
    const top = c.name.split(' ')[0]!;
    groups.set(top, [...(groups.get(top) ?? []), c]);
  }
  return groups;
}

function groupDescription(top: string, members: Command[]): string {
  const subs = members.map((c) => c.name.split(' ').slice(1).join(' '));
  return clip(`${top[0]!.toUpperCase()}${top.slice(1)}: ${subs.join(', ')}`, 100);
}

export function buildSlashCommands(commands: Command[]): SlashCommandBuilder[] {
  const built: SlashCommandBuilder[] = [];
  for (const [top, members] of groupCommands(commands)) {
    const builder = new SlashCommandBuilder()
      .setName(top)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(InteractionContextType.Guild);
    const bare = members.find((c) => c.name === top);
    if (bare && members.length > 1)
      throw new Error(`command "${top}" has options and subcommands; Discord allows one or the other`);
    if (bare) {
      builder.setDescription(clip(bare.description, 100));
      addOptions(builder, bare.options);
    } else {
      builder.setDescription(groupDescription(top, members));
      for (const c of members) {
        const sub = new SlashCommandSubcommandBuilder()
          .setName(c.name.split(' ').slice(1).join('-'))
          .setDescription(clip(c.description, 100));
        addOptions(sub, c.options);
        builder.addSubcommand(sub);
      }
    }
    built.push(builder);
  }
  return built;
}

/** The JSON bodies of PUT /applications/{app}/commands (bulk overwrite). */
export function slashCommandBodies(commands: Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return buildSlashCommands(commands).map((b) => b.toJSON());
}
