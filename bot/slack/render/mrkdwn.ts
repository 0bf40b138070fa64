// Slack text from the Answer's neutral markup: **bold** becomes *bold*, `code` stays, and the three characters
// Slack reserves (&, <, >) are escaped so a member's name can never turn into a mention or a link. Also the
// length caps of Block Kit (3000 characters per section text, 2000 per field, 150 per header).
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

/**
 * Channel, user and user-group references the handlers write on purpose (`<#C123>`, `<@U123>`, `<!subteam^S123>`,
 * bare ids only, bot/commands/mentions.ts): kept, so Slack shows them as links.
 */
const reference = /<(#[CG][A-Z0-9]{2,30}|@[UW][A-Z0-9]{2,30}|!subteam\^S[A-Z0-9]{2,30})>/g;

/**
 * Escapes Slack's control characters (https://api.slack.com/reference/surfaces/formatting#escaping), except the
 * plain references above: `<!channel>`, `<http://…|…>` or a reference with a label are escaped like any text.
 */
export function escapeSlack(text: string): string {
  const parts = text.split(reference);
  // split() with one capture group alternates text, reference, text, …
  return parts.map((p, i) => (i % 2 === 1 ? `<${p}>` : p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('');
}

/** Neutral markup → Slack mrkdwn (escaped). */
export function toMrkdwn(text: string): string {
  return escapeSlack(text).replace(/\*\*(.+?)\*\*/g, '*$1*');
}

/** Neutral markup → plain text (headers, button labels, notification fallback). */
export function toPlain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
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
