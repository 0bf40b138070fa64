// `/pulse <command> [options]` → the command path and its typed options, by the shared Command definitions:
// positional words fill the options in order, `name:value` sets one by name, and free text (ask's question, a
// content title) runs over several words until a word the next option accepts. Bad input becomes a usage answer,
// never an exception.
import type { Answer } from '../answer.ts';
import type { Command, CommandOption, OptionValue } from '../commands/types.ts';
import { decodeSlackText, normalizeWord, splitWords, type Word } from './command-text.ts';
import { slackPath, usageAnswer } from './usage.ts';

export type ParsedCommand =
  | { ok: true; command: Command; name: string; options: Record<string, OptionValue | undefined> }
  | { ok: false; answer: Answer };

type Converted = { value: OptionValue } | { error: string };

function matchCommand(commands: Command[], words: Word[]): { command: Command; used: number } | undefined {
  const typed = words.map((w) => (w.name ? '' : w.value.toLowerCase()));
  let best: { command: Command; used: number } | undefined;
  for (const command of commands) {
    for (const path of [slackPath(command), command.name.split(' ')]) {
      if (path.every((p, i) => typed[i] === p) && (!best || path.length > best.used))
        best = { command, used: path.length };
    }
  }
  return best;
}

function convert(option: CommandOption, raw: string): Converted {
  if (option.type === 'integer') {
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n))
      return { error: `\`${option.name}\` must be a whole number` };
    if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) {
      return { error: `\`${option.name}\` must be between ${option.min ?? '…'} and ${option.max ?? '…'}` };
    }
    if (option.choices && !option.choices.some((c) => c.value === n))
      return { error: `\`${option.name}\` must be one of ${option.choices.map((c) => c.value).join(', ')}` };
    return { value: n };
  }
  if (option.type === 'boolean') {
    const v = normalizeWord(raw);
    if (['true', 'yes', 'on', '1'].includes(v)) return { value: true };
    if (['false', 'no', 'off', '0'].includes(v)) return { value: false };
    return { error: `\`${option.name}\` must be yes or no` };
  }
  if (option.choices) {
    const wanted = normalizeWord(raw);
    const choice = option.choices.find(
      (c) => normalizeWord(String(c.value)) === wanted || normalizeWord(c.name) === wanted,
    );
    if (!choice)
      return { error: `\`${option.name}\` must be one of ${option.choices.map((c) => `\`${c.value}\``).join(', ')}` };
    return { value: choice.value };
  }
  const text = raw.trim();
  return text ? { value: text } : { error: `\`${option.name}\` is empty` };
}

/** Free text: a string without choices (channels and roles are one word each). */
const isFreeText = (o: CommandOption) => o.type === 'string' && !o.choices && !o.oneWord;

function unquote(text: string): string {
  const t = text.trim();
  return /^["“”][^"“”]*["“”]$/.test(t) ? t.slice(1, -1) : t;
}

export function parseSlashText(commands: Command[], typed: string): ParsedCommand {
  const text = decodeSlackText(typed);
  const words = splitWords(text);
  if (words.length === 0 || (words.length === 1 && normalizeWord(words[0]!.value) === 'help')) {
    return { ok: false, answer: usageAnswer(commands) };
  }
  const match = matchCommand(commands, words);
  if (!match) return { ok: false, answer: usageAnswer(commands, `Pulse has no command \`${words[0]!.value}\`.`) };
  const { command } = match;
  const options: Record<string, OptionValue | undefined> = {};
  const fail = (problem: string): ParsedCommand => ({ ok: false, answer: usageAnswer(commands, problem, command) });
  const known = (w: Word | undefined) => w?.name !== undefined && command.options.some((o) => o.name === w.name);
  const freeOptions = () => command.options.filter((o) => options[o.name] === undefined);
  for (let i = match.used; i < words.length; i++) {
    const word = words[i]!;
    const named = known(word) ? command.options.find((o) => o.name === word.name) : undefined;
    const option = named ?? freeOptions()[0];
    if (!option) return fail(`Unexpected \`${word.name ? `${word.name}:` : ''}${word.value}\`.`);
    let v: Converted;
    if (isFreeText(option)) {
      // Runs on while the next word is not an option by name or a value the next positional option would take
      const next = freeOptions().find((o) => o !== option);
      let last = i;
      // (A one-word string option takes any word, so it cannot mark where free text ends.)
      while (
        last + 1 < words.length &&
        !known(words[last + 1]) &&
        !(next && !isFreeText(next) && !next.oneWord && 'value' in convert(next, words[last + 1]!.value))
      )
        last++;
      const from = named ? word.start + option.name.length + 1 : word.start;
      v = convert(option, unquote(text.slice(from, words[last]!.end)));
      i = last;
    } else {
      v = convert(option, word.name && !named ? `${word.name}:${word.value}` : word.value);
      // A choice typed as several words: `/pulse revenue last month`.
      for (let k = 1; 'error' in v && option.choices && k <= 3 && i + k < words.length; k++) {
        const joined = convert(
          option,
          words
            .slice(i, i + k + 1)
            .map((w) => w.value)
            .join(' '),
        );
        if ('value' in joined) {
          v = joined;
          i += k;
        }
      }
    }
    if ('error' in v) return fail(v.error);
    options[option.name] = v.value;
  }
  const missing = command.options.find((o) => o.required && options[o.name] === undefined);
  if (missing) return fail(`\`${missing.name}\` is required.`);
  return { ok: true, command, name: command.name, options };
}
