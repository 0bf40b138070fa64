// Splits the text after `/pulse` into words: whitespace separates, "double quotes" (or Slack's curly quotes)
// keep words together, and `name:value` pairs are told apart from positional words.
export interface Word {
  /** Set for `name:value`. */
  name?: string;
  value: string;
  /** Where the word starts and ends in the text (free text spanning several words is sliced from it). */
  start: number;
  end: number;
}

const wordPattern = /(?:([a-z][a-z0-9_-]*):)?(?:["“”]([^"“”]*)["“”]?|(\S+))/giy;

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    wordPattern.lastIndex = i;
    const m = wordPattern.exec(text);
    if (!m) break;
    const value = m[2] ?? m[3] ?? '';
    words.push({ ...(m[1] ? { name: m[1].toLowerCase() } : {}), value, start: i, end: wordPattern.lastIndex });
    i = wordPattern.lastIndex;
  }
  return words;
}

/** Lower case, spaces and hyphens as underscores: `Last Month` and `last-month` both read `last_month`. */
export function normalizeWord(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Slash command text as typed: Slack escapes &, < and > and, with "escape channels, users and links" on,
 * sends `<#C123|general>` / `<@U123|ann>` — those become the bare ids the handlers take.
 */
export function decodeSlackText(text: string): string {
  return text
    .replace(/<[#@]([A-Z0-9]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
