// A table of an answer as a monospace code block that fits a character budget: columns padded to their
// widest cell (right-aligned where asked), rows dropped from the end with a "… N more" line when too long.
import type { AnswerTable } from '../../answer.ts';
import { noReferences, plainText, type References } from '../../markup.ts';
import { toDiscord } from './markdown.ts';

/**
 * Cells are plain characters in a code block (Discord renders nothing inside it: no markdown, mentions or
 * links); backticks become quotes so the block cannot be closed, line breaks spaces; long cells are cut.
 */
function cell(text: string, max = 32): string {
  const clean = plainText(text).replaceAll('`', "'").replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

function pageLine(table: AnswerTable): string | undefined {
  const p = table.page;
  return p ? `page ${p.index + 1} of ${p.count} · ${p.total} in all` : undefined;
}

/** The table as text: optional bold title, the code block, the page line; at most `budget` characters. */
export function tableBlock(table: AnswerTable, budget: number, refs: References = noReferences): string {
  const header = table.columns.map((c) => cell(c.label));
  const rows = table.rows.map((r) => table.columns.map((c) => cell(r[c.key] ?? '')));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, table.columns[i]!.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const title = table.title ? `**${toDiscord(table.title, refs)}**\n` : '';
  const footer = pageLine(table);
  const build = (n: number) => {
    const body = [line(header), ...rows.slice(0, n).map(line)];
    if (n < rows.length) body.push(`… ${rows.length - n} more`);
    return `${title}\`\`\`\n${body.join('\n')}\n\`\`\`${footer ? `\n${footer}` : ''}`;
  };
  if (build(rows.length).length <= budget) return build(rows.length);
  // The most rows that fit (the text grows with the row count): binary search.
  let lo = 0;
  let hi = rows.length - 1;
  if (build(0).length > budget) return '';
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(mid).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}
