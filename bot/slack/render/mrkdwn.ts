// Slack text from the Answer's neutral markup (bot/markup.ts): **bold** becomes *bold*, `code` stays, the three
// characters Slack reserves (&, <, >) are escaped everywhere so no text turns into a mention or a link, data's
// formatting characters are neutralised, and only the answer's declared references stay mentions. Also the
// length caps of Block Kit (3000 characters per section text, 2000 per field, 150 per header).
import {
  breaksLink,
  noReferences,
  parseMarkup,
  plainText,
  ZERO_WIDTH_SPACE,
  type MarkChar,
  type References,
} from '../../markup.ts';

export const LIMITS = {
  blocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  actionsElements: 25,
  fallbackText: 3000,
} as const;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes Slack's control characters (https://api.slack.com/reference/surfaces/formatting#escaping): `<!channel>`,
 * `<http://…|…>` or `<@U…>` in any text is shown as typed, never as a mention or a link.
 */
export function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (c) => entities[c]!);
}

const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Slack's mrkdwn has no escape for its formatting characters: in data they become look-alikes (∗ ∼ ˋ), and
 * an underscore does so unless it sits inside a word (`ann_lee` is never italic, `_ann_` would be).
 */
function dataChar(chars: readonly MarkChar[], i: number): string {
  const c = chars[i]!.c;
  if (c === '*') return '\u2217';
  if (c === '~') return '\u223c';
  if (c === '`') return '\u02cb';
  if (c === '_' && !(isWord(chars[i - 1]?.c) && isWord(chars[i + 1]?.c))) return '\uff3f';
  if (breaksLink(chars, i)) return `:${ZERO_WIDTH_SPACE}`;
  return entities[c] ?? c;
}

function textRun(chars: readonly MarkChar[]): string {
  return chars.map((m, i) => (m.data ? dataChar(chars, i) : (entities[m.c] ?? m.c))).join('');
}

/**
 * Neutral markup → Slack mrkdwn: **bold** becomes *bold*, `code` stays, every other character is text; only
 * the answer's declared `references` stay mentions. `unformatted` (a notification's text) drops bold and code
 * marks but escapes the same.
 */
export function toMrkdwn(text: string, refs: References = noReferences, opts: { unformatted?: boolean } = {}): string {
  const plain = opts.unformatted === true;
  return parseMarkup(text, refs)
    .map((p) => {
      if (p.kind === 'bold') return plain ? '' : '*';
      if (p.kind === 'ref') return p.ref;
      if (p.kind === 'code') return plain ? escapeSlack(p.text) : `\`${escapeSlack(p.text.replace(/`/g, "'"))}\``;
      return textRun(p.chars);
    })
    .join('');
}

/** Neutral markup → plain text for plain_text objects (headers, button labels), which Slack does not parse. */
export function toPlain(text: string): string {
  return plainText(text);
}

/** Cuts to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits lines into chunks of at most `max` characters (a single longer line is clipped). */
export function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
