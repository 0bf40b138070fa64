// `pulse help` and `pulse <verb> [<sub-verb>] --help`, rendered from the verbs' own declarations (verbs.ts):
// a summary, positional arguments and the parseArgs options with their help text. Nothing here lists options
// by hand, so an option a verb parses is always in its help.
import type { OptionSpec, Options, SubVerb, Verb } from './types.ts';

const WIDTH = 100;
const COLUMN = 30;

function optionLabel(name: string, spec: OptionSpec): string {
  const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}`;
  return spec.type === 'string' ? `${flag} ${spec.value ?? '<value>'}` : flag;
}

/** `--company <id> [--full] …`: required options bare, the others in brackets. */
export function synopsis(options: Options): string {
  return Object.entries(options)
    .map(([name, spec]) => {
      const label = `--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
      return spec.required ? label : `[${label}]`;
    })
    .join(' ');
}

/** One line: `usage: pulse company tier <id> <tier> [--json]`. */
export function usageLine(command: string, spec: { args?: string; options: Options }): string {
  return ['usage: pulse', command, spec.args, synopsis(spec.options)].filter(Boolean).join(' ');
}

function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n' + ' '.repeat(indent));
}

/** `  label   text`, the text in a column (on the next line when the label is too long). */
function row(label: string, text: string): string {
  const head = `  ${label}`;
  const gap = head.length < COLUMN - 1 ? ' '.repeat(COLUMN - head.length) : '\n' + ' '.repeat(COLUMN);
  return head + gap + wrap(text, COLUMN);
}

function optionRows(options: Options): string[] {
  return [
    ...Object.entries(options).map(([name, spec]) => row(optionLabel(name, spec), spec.help)),
    row('-h, --help', 'this text'),
  ];
}

/** The help of a verb without sub-verbs, or of one sub-verb (`command` = `company add`). */
export function commandHelp(command: string, spec: { summary: string; args?: string; options: Options }): string {
  return [usageLine(command, spec), '', spec.summary, '', 'options:', ...optionRows(spec.options), ''].join('\n');
}

/** The help of a verb with sub-verbs: each sub-verb's usage and summary. */
export function subverbsHelp(name: string, verb: Verb & { subverbs: Record<string, SubVerb> }): string {
  const subs = Object.entries(verb.subverbs).map(
    ([sub, spec]) =>
      `  ${usageLine(`${name} ${sub}`, spec).slice('usage: '.length)}\n${' '.repeat(6)}${wrap(spec.summary, 6)}`,
  );
  return [
    `usage: pulse ${name} <${Object.keys(verb.subverbs).join('|')}> [options]`,
    '',
    verb.summary,
    '',
    'sub-verbs:',
    ...subs,
    '',
    `pulse ${name} <sub-verb> --help shows a sub-verb's options.`,
    '',
  ].join('\n');
}

export function verbHelp(name: string, verb: Verb): string {
  return verb.subverbs ? subverbsHelp(name, { ...verb, subverbs: verb.subverbs }) : commandHelp(name, verb);
}

/** `pulse help`: every verb with its one-line summary. */
export function overview(verbs: Record<string, Verb>): string {
  const width = Math.max(...Object.keys(verbs).map((n) => n.length)) + 4;
  return [
    'usage: pulse <verb> [options]',
    '',
    ...Object.entries(verbs).map(([name, verb]) => `  ${name.padEnd(width)}${verb.summary}`),
    `  ${'help'.padEnd(width)}this text (pulse help <verb>, or pulse <verb> --help: a verb's options)`,
    '',
    'Settings come from the environment; a .env file in the working directory is read first (set variables win).',
    '',
  ].join('\n');
}
