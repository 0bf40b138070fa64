// What a slash command interaction asks for, in the platform-neutral shape: the command's path name
// ('report link') and its options by name; for autocomplete, also the option being typed.
import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import type { OptionValue } from '../commands/types.ts';

export interface Invocation {
  /** 'revenue', 'report link', 'pulse setup' (Discord's subcommand 'a-b' back to 'a b'). */
  name: string;
  options: Record<string, OptionValue | undefined>;
  /** Autocomplete only: the option being typed and what was typed so far. */
  focused?: { option: string; typed: string };
}

type AnyOption = APIApplicationCommandInteractionDataOption;

export function invocationOf(data: { name: string; options?: AnyOption[] }): Invocation {
  const path = [data.name];
  let options: AnyOption[] = data.options ?? [];
  // Descend through a subcommand group and/or subcommand to the basic options.
  const group = options.find((o) => o.type === ApplicationCommandOptionType.SubcommandGroup);
  if (group) {
    path.push(group.name);
    options = group.options ?? [];
  }
  const sub = options.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub) {
    path.push(sub.name.replaceAll('-', ' '));
    options = sub.options ?? [];
  }
  const out: Invocation = { name: path.join(' '), options: {} };
  for (const o of options) {
    if (!('value' in o)) continue;
    const value = o.value as unknown;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    if ('focused' in o && o.focused) {
      out.focused = { option: o.name, typed: String(value) };
      continue;
    }
    out.options[o.name] = value;
  }
  return out;
}
