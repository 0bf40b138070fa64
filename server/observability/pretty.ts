// Log lines for a person at a terminal: pino's JSON line, after redaction (logging.ts formats the redacted
// line, never the raw one), becomes `HH:MM:SS LEVEL msg key=value…` in local time, nested fields as dotted
// keys and an error's stack indented below. Values are data (Whop names, URLs): control characters are escaped
// so a value cannot move the cursor or recolour the terminal.
export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT when set, else pretty on a terminal and JSON everywhere else (files, collectors, fly logs). */
export function logFormat(setting: string | undefined, isTTY: boolean): LogFormat {
  if (setting === 'json' || setting === 'pretty') return setting;
  return isTTY ? 'pretty' : 'json';
}

const levels: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has or that the line's head shows already. */
const skipped = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** Control characters as JSON escapes (\u001b), the rest as is. */
function escaped(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return typeof value === 'string' && (text === '' || /[\s"=\u0000-\u001f\u007f-\u009f]/.test(text))
    ? JSON.stringify(text)
    : escaped(text);
}

function pairs(value: unknown, key: string, out: string[], stacks: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'stack' && typeof v === 'string') stacks.push(v);
      else pairs(v, key ? `${key}.${k}` : k, out, stacks);
    }
    return;
  }
  out.push(`${key}=${shown(value)}`);
}

function clock(time: unknown): string {
  const at = new Date(typeof time === 'number' || typeof time === 'string' ? time : Date.now());
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One JSON log line (with or without its newline) as a terminal line; anything but a JSON object is kept. */
export function prettyLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return line;
  const fields = entry as Record<string, unknown>;
  const out: string[] = [];
  const stacks: string[] = [];
  for (const [k, v] of Object.entries(fields)) if (!skipped.has(k)) pairs(v, k, out, stacks);
  const level = (typeof fields.level === 'number' ? levels[fields.level] : undefined) ?? String(fields.level ?? '?');
  const msg = typeof fields.msg === 'string' ? escaped(fields.msg) : '';
  const head = [clock(fields.time), level.padEnd(5), msg, ...out].filter(Boolean).join(' ');
  const below = stacks.map((s) =>
    s
      .split('\n')
      .map((l) => `    ${escaped(l)}`)
      .join('\n'),
  );
  return [head, ...below].join('\n') + '\n';
}
