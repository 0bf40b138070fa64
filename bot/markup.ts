// The neutral text markup of answers, digests and alerts, and how the renderers read it. Pulse writes
// **bold**, `code` and line breaks. A string that came from Whop or a member (names, usernames, titles,
// company and plan names, anything typed) goes in through data(): flattened to one line, bounded in length,
// and every character some platform gives a meaning to is escaped with a backslash, so each renderer shows it
// as that literal character and neutralises it for its platform. Mentions (<#id>, <@&id>, <!subteam^id>, …)
// are live only when the answer lists them in `references`; the renderers show any other `<…>`, masked link or
// @everyone as plain text, so a string that missed data() can at most look bold — never ping or link.

/** Longest data string shown (characters); longer ones end in an ellipsis. */
export const DATA_MAX = 100;

/**
 * What data() escapes: formatting, mention and link characters of Discord or Slack, and the escape itself; an
 * underscore only at a word's edge (`ann_lee` formats nowhere, `_ann_` would); a '#' that starts the string
 * (a Discord heading); the ':' of '://' (so renderers can keep a data URL from becoming a link).
 */
const SPECIAL = /[\\*_~`|<>[\]]|^#|:(?=\/\/)/g;

const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Control characters and line/paragraph separators: data never breaks a line. */
const BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** A data string as neutral markup: one line, at most `max` characters, shown exactly as written. */
export function data(value: string | number | null | undefined, max = DATA_MAX): string {
  const flat = String(value ?? '')
    .replace(BREAKS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  const bounded =
    chars.length <= max
      ? flat
      : `${chars
          .slice(0, Math.max(1, max - 1))
          .join('')
          .trimEnd()}…`;
  return escapeData(bounded);
}

function escapeData(text: string): string {
  return text.replace(SPECIAL, (c: string, at: number) =>
    c === '_' && isWord(text[at - 1]) && isWord(text[at + 1]) ? c : `\\${c}`,
  );
}

/**
 * Text written by someone else at length (the coach's answer, which may quote member names or be steered by
 * them): line breaks and **bold** pairs kept, every other special character escaped as in data(); at most `max`.
 */
export function prose(value: string, max: number): string {
  const chars = [...value.replace(/\r\n?/g, '\n')];
  const bounded =
    chars.length <= max
      ? chars.join('')
      : `${chars
          .slice(0, max - 1)
          .join('')
          .trimEnd()}…`;
  return bounded
    .split('\n')
    .map((line) => line.split('**').map(escapeData).join('**'))
    .join('\n');
}

/** One character of text: `data` when it was escaped (came through data()), so formatting must not touch it. */
export interface MarkChar {
  c: string;
  data: boolean;
}

export type Piece =
  | { kind: 'text'; chars: MarkChar[] }
  | { kind: 'bold' }
  | { kind: 'code'; text: string }
  | { kind: 'ref'; ref: string };

/** Mentions an answer declares (Answer.references), as a set for the renderers. */
export type References = ReadonlySet<string>;
export const noReferences: References = new Set();

/** The code span opened at `from - 1`: its text (escapes resolved) and the index of the closing backtick. */
function codeSpan(text: string, from: number): { end: number; text: string } | null {
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') return { end: i, text: out };
    out += c === '\\' && i + 1 < text.length ? text[++i]! : c;
  }
  return null;
}

/** Splits neutral markup into pieces; `**` counts as bold only in pairs, a lone one is text. */
export function parseMarkup(text: string, refs: References = noReferences): Piece[] {
  const raw: (Piece | { kind: 'star' })[] = [];
  let run: MarkChar[] = [];
  const flush = () => {
    if (run.length) raw.push({ kind: 'text', chars: run });
    run = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const span = c === '`' ? codeSpan(text, i + 1) : null;
    const ref = c === '<' ? refAt(text, i, refs) : undefined;
    if (c === '\\' && i + 1 < text.length) {
      run.push({ c: text[++i]!, data: true });
    } else if (c === '*' && text[i + 1] === '*') {
      flush();
      raw.push({ kind: 'star' });
      i++;
    } else if (span) {
      flush();
      raw.push({ kind: 'code', text: span.text });
      i = span.end;
    } else if (ref) {
      flush();
      raw.push({ kind: 'ref', ref });
      i += ref.length - 1;
    } else {
      run.push({ c, data: false });
    }
  }
  flush();
  const stars = raw.filter((p) => p.kind === 'star').length;
  let seen = 0;
  return raw.map((p): Piece => {
    if (p.kind !== 'star') return p;
    seen++;
    // An odd last `**` has no partner: it is plain text.
    return stars % 2 === 1 && seen === stars
      ? {
          kind: 'text',
          chars: [
            { c: '*', data: false },
            { c: '*', data: false },
          ],
        }
      : { kind: 'bold' };
  });
}

function refAt(text: string, i: number, refs: References): string | undefined {
  if (refs.size === 0) return undefined;
  const end = text.indexOf('>', i);
  if (end < 0) return undefined;
  const candidate = text.slice(i, end + 1);
  return refs.has(candidate) ? candidate : undefined;
}

const URL_SCHEME = /^\/\//;

/**
 * True for a data ':' that starts '://': data URLs are broken with a zero-width space so no platform turns
 * them into links (only Pulse's own links are links).
 */
export function breaksLink(chars: readonly MarkChar[], i: number): boolean {
  const m = chars[i]!;
  return (
    m.data &&
    m.c === ':' &&
    URL_SCHEME.test(
      chars
        .slice(i + 1, i + 3)
        .map((x) => x.c)
        .join(''),
    )
  );
}

export const ZERO_WIDTH_SPACE = '\u200b';

/** Neutral markup as plain text (headers, button labels, file descriptions): no markup, data as written. */
export function plainText(text: string, refs: References = noReferences): string {
  return parseMarkup(text, refs)
    .map((p) => {
      if (p.kind === 'bold') return '';
      if (p.kind === 'ref') return p.ref;
      if (p.kind === 'code') return p.text;
      return p.chars.map((m, i) => (breaksLink(p.chars, i) ? `:${ZERO_WIDTH_SPACE}` : m.c)).join('');
    })
    .join('');
}
