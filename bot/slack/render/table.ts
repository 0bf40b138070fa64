// An Answer table as Block Kit sections under Slack's 3000-character limit: a narrow table as a monospace block
// (columns padded, numbers right-aligned); a wide one (member lists with reasons and advice) as one mrkdwn line
// per row — the row's name in bold, then `Label: value` for each other column — because a wide monospace table
// wraps into noise on a phone. Its title goes in bold above, the page position in a context line below.
import type { KnownBlock } from '@slack/web-api';
import type { AnswerTable } from '../../answer.ts';
import { noReferences, type References } from '../../markup.ts';
import { chunkLines, clip, escapeSlack, LIMITS, toMrkdwn, toPlain } from './mrkdwn.ts';

const CELL_MAX = 32;
/** Widest monospace line that stays on one line in Slack's desktop message pane. */
const MONO_MAX = 64;
const FENCE = '```';

function cell(value: string | undefined, max = CELL_MAX): string {
  // Backticks would close the code block; the cell is shown as plain characters (escaped per line below).
  return clip(
    toPlain(value ?? '')
      .replace(/`/g, "'")
      .replace(/\s+/g, ' ')
      .trim(),
    max,
  );
}

/** The monospace lines: a header row, then one line per row, columns padded to their widest cell. */
export function tableLines(table: AnswerTable, cellMax = CELL_MAX): string[] {
  const header = table.columns.map((c) => cell(c.label, cellMax));
  const rows = table.rows.map((r) => table.columns.map((c) => cell(r[c.key], cellMax)));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((v, i) => (table.columns[i]?.align === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** One mrkdwn line per row: `*1. Ann Lee* · Risk: critical · Churn chance: 80% · …`. */
export function recordLines(table: AnswerTable, refs: References = noReferences): string[] {
  const [first, second, ...others] = table.columns;
  if (!first) return [];
  // A numbering column ('#') is read together with the name after it.
  const numbered = first.label.trim() === '#' && second !== undefined;
  const rest = numbered ? others : [second, ...others].filter((c) => c !== undefined);
  return table.rows.map((r) => {
    const lead = numbered ? `${r[first.key] ?? ''}. ${r[second.key] ?? ''}` : (r[first.key] ?? '');
    const parts = rest.map(
      (c) => `${toMrkdwn(c.label, refs, { unformatted: true })}: ${toMrkdwn(r[c.key] ?? '—', refs)}`,
    );
    return [`*${toMrkdwn(lead, refs, { unformatted: true })}*`, ...parts].join(' · ');
  });
}

export function tableBlocks(table: AnswerTable, refs: References = noReferences): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const title = table.title ? `*${toMrkdwn(table.title, refs, { unformatted: true })}*\n` : '';
  if (table.rows.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${title}_Nothing to list._` } });
  } else if (Math.max(...tableLines(table, Infinity).map((l) => l.length)) <= MONO_MAX) {
    const mono = tableLines(table);
    // The title and two fences share the first chunk's budget.
    const budget = LIMITS.sectionText - title.length - 2 * FENCE.length - 2;
    chunkLines(mono.map(escapeSlack), budget).forEach((chunk, i) => {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: `${i === 0 ? title : ''}${FENCE}\n${chunk}\n${FENCE}` },
      });
    });
  } else {
    chunkLines(recordLines(table, refs), LIMITS.sectionText - title.length).forEach((chunk, i) => {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${i === 0 ? title : ''}${chunk}` } });
    });
  }
  if (table.page && table.page.count > 1) {
    const { index, count, total } = table.page;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: toMrkdwn(`Page ${index + 1} of ${count} · ${total} in all`) }],
    });
  }
  return blocks;
}
