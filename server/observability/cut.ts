// Bounding what one log line carries: every JSON string in the line (a request URL, a message, any value or key)
// longer than MAX_LOGGED_CHARS keeps its first MAX_LOGGED_CHARS characters and ends in "…[cut N]" (N characters
// dropped). One pass over the line, no regular expression; done before redaction, so every redaction pattern
// works on strings of bounded length. The line stays valid JSON: a cut never splits an escape sequence or a
// surrogate pair.

/** The longest string a log line keeps whole (characters, an escape sequence counting as one). */
export const MAX_LOGGED_CHARS = 2000;

const QUOTE = 34;
const BACKSLASH = 92;
const LOWER_U = 117;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** `line` with each JSON string longer than `max` characters cut (text that is not JSON passes through). */
export function cutLongStrings(line: string, max = MAX_LOGGED_CHARS): string {
  // No string can be longer than the line: the common short line costs one comparison.
  if (line.length <= max + 2) return line;
  let out = '';
  let copied = 0;
  let i = line.indexOf('"');
  while (i !== -1 && i < line.length) {
    let j = i + 1;
    let chars = 0;
    let cutAt = -1;
    let kept = 0;
    while (j < line.length && line.charCodeAt(j) !== QUOTE) {
      if (chars === max && cutAt === -1) {
        const split = isHighSurrogate(line.charCodeAt(j - 1));
        cutAt = split ? j - 1 : j;
        kept = split ? max - 1 : max;
      }
      j += line.charCodeAt(j) !== BACKSLASH ? 1 : line.charCodeAt(j + 1) === LOWER_U ? 6 : 2;
      chars += 1;
    }
    if (cutAt !== -1) {
      out += `${line.slice(copied, cutAt)}…[cut ${chars - kept}]`;
      copied = Math.min(j, line.length);
    }
    i = j + 1 < line.length ? line.indexOf('"', j + 1) : -1;
  }
  return copied === 0 ? line : out + line.slice(copied);
}
