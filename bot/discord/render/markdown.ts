// Discord markdown from the Answer's neutral markup (bot/markup.ts), for embed titles, descriptions and fields:
// **bold** and `code` stay; data is backslash-escaped character by character (discord.js's escapeMarkdown does
// whole strings; here only the characters that came through data() are), so a name never formats, mentions
// or links; and in any text a `<` (mentions, emoji, timestamps), a `[` (masked links) and @everyone/@here are
// neutralised unless the answer declared the mention in `references`. Messages also carry
// allowed_mentions { parse: [] }, so nothing Pulse sends pings anyone.
import {
  breaksLink,
  noReferences,
  parseMarkup,
  ZERO_WIDTH_SPACE,
  type MarkChar,
  type References,
} from '../../markup.ts';

/** Characters Discord's markdown gives a meaning to; `\` before any of them shows it literally. */
const MARKDOWN = new Set(['\\', '*', '_', '~', '`', '|', '<', '>', '[', ']', '#', '@']);

function textChar(chars: readonly MarkChar[], i: number): string {
  const m = chars[i]!;
  if (breaksLink(chars, i)) return `:${ZERO_WIDTH_SPACE}`;
  if (m.data) return MARKDOWN.has(m.c) ? `\\${m.c}` : m.c;
  // Pulse's own text keeps its formatting, but nothing in it can become a mention or a masked link.
  if (m.c === '<' || m.c === '[' || m.c === '\\') return `\\${m.c}`;
  if (m.c === '@') {
    const next = chars
      .slice(i + 1, i + 9)
      .map((x) => x.c)
      .join('');
    if (/^(everyone|here)/.test(next)) return `@${ZERO_WIDTH_SPACE}`;
  }
  return m.c;
}

/** Neutral markup → Discord markdown. */
export function toDiscord(text: string, refs: References = noReferences): string {
  return parseMarkup(text, refs)
    .map((p) => {
      if (p.kind === 'bold') return '**';
      if (p.kind === 'ref') return p.ref;
      // Discord shows a code span's content literally (no mentions, no links); a backtick would end it.
      if (p.kind === 'code') return `\`${p.text.replace(/`/g, "'")}\``;
      return p.chars.map((_, i) => textChar(p.chars, i)).join('');
    })
    .join('');
}
