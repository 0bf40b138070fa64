// How to use `/pulse`, built from the shared command registry so it never drifts: one line per command in
// Slack's syntax, and for a mistyped command its options with their allowed values.
import { answer, type Answer } from '../answer.ts';
import type { Command, CommandOption } from '../commands/types.ts';

export const SLASH_COMMAND = '/pulse';

/** The words a user types for a command: `pulse setup` is typed `setup` under `/pulse` (the full form works too). */
export function slackPath(command: Command): string[] {
  const words = command.name.split(' ');
  return words[0] === 'pulse' && words.length > 1 ? words.slice(1) : words;
}

/** `/pulse report link [kind] [expires]` */
export function usageLine(command: Command): string {
  const opts = command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
  return `\`${SLASH_COMMAND} ${slackPath(command).join(' ')}${opts ? ` ${opts}` : ''}\``;
}

function optionLine(o: CommandOption): string {
  const values = o.choices
    ? `: ${o.choices.map((c) => `\`${c.value}\``).join(', ')}`
    : o.type === 'integer'
      ? ` (a whole number${o.min !== undefined && o.max !== undefined ? ` ${o.min}–${o.max}` : ''})`
      : o.type === 'boolean'
        ? ': `yes` or `no`'
        : '';
  return `• **${o.name}** — ${o.description}${values}`;
}

/** The whole list, or one command in detail; `problem` says what was wrong with what was typed. */
export function usageAnswer(commands: Command[], problem?: string, command?: Command): Answer {
  const lines = command
    ? [
        `${usageLine(command)} — ${command.description}`,
        ...command.options.map(optionLine),
        `Options go in this order, or by name anywhere: \`${command.options[0]?.name ?? 'name'}:value\`.`,
      ]
    : commands.map((c) => `${usageLine(c)} — ${c.description}`);
  return answer({
    title: problem ? 'Pulse did not understand that' : `How to use ${SLASH_COMMAND}`,
    summary: [...(problem ? [problem, ''] : []), ...lines].join('\n'),
    tone: problem ? 'warning' : 'info',
    visibility: 'ephemeral',
  });
}
