// Answer → Block Kit: header (tone emoji + title), summary, fields as section fields (10 per section), tables,
// each chart's numbers as text, notices, a context line with period · freshness · model, and the actions.
// Stays inside Slack's limits (50 blocks in a message, 100 in a modal or App Home, 3000 characters a text).
import type { ContextBlock, KnownBlock, MrkdwnElement, SectionBlock } from '@slack/web-api';
import { referencesOf, type Answer, type AnswerField, type Tone } from '../../answer.ts';
import { spellAnswer } from '../../command-ref.ts';
import type { References } from '../../markup.ts';
import { actionBlocks } from './actions.ts';
import { chunkLines, clip, LIMITS, toMrkdwn, toPlain } from './mrkdwn.ts';
import { tableBlocks } from './table.ts';

const toneEmoji: Record<Tone, string> = {
  good: ':large_green_circle: ',
  warning: ':large_yellow_circle: ',
  bad: ':red_circle: ',
  info: ':information_source: ',
  neutral: '',
};

const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

function textSections(text: string, refs: References): SectionBlock[] {
  return chunkLines(toMrkdwn(text, refs).split('\n'), LIMITS.sectionText).map((t) => ({
    type: 'section',
    text: mrkdwn(t),
  }));
}

function fieldText(f: AnswerField, refs: References): string {
  return clip(`*${toMrkdwn(f.label, refs, { unformatted: true })}*\n${toMrkdwn(f.value, refs)}`, LIMITS.fieldText);
}

/** Consecutive inline fields share a section (at most 10 each); a full-width field gets a section of its own. */
export function fieldBlocks(fields: AnswerField[], refs: References): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let run: MrkdwnElement[] = [];
  const flush = () => {
    if (run.length) blocks.push({ type: 'section', fields: run });
    run = [];
  };
  for (const f of fields) {
    if (!f.inline) {
      flush();
      blocks.push({ type: 'section', text: mrkdwn(clip(fieldText(f, refs), LIMITS.sectionText)) });
      continue;
    }
    run.push(mrkdwn(fieldText(f, refs)));
    if (run.length === LIMITS.fieldsPerSection) flush();
  }
  flush();
  return blocks;
}

function contextBlock(parts: string[], refs: References): ContextBlock | undefined {
  const elements = parts
    .filter(Boolean)
    .slice(0, LIMITS.contextElements)
    .map((p) => mrkdwn(clip(toMrkdwn(p, refs), LIMITS.sectionText)));
  return elements.length ? { type: 'context', elements } : undefined;
}

/** The footer line: period · freshness · model, and an error's reference id. */
export function footerText(a: Answer): string {
  const { period, freshness, model } = a.footer;
  return [period, freshness, model, a.reference ? `ref ${a.reference}` : undefined].filter(Boolean).join(' · ');
}

/** `blockIdPrefix` keeps block ids unique when several answers share one view (App Home). */
export function renderAnswerBlocks(
  neutral: Answer,
  opts: { maxBlocks?: number; blockIdPrefix?: string } = {},
): KnownBlock[] {
  const a = spellAnswer(neutral, 'slack');
  const max = opts.maxBlocks ?? LIMITS.blocks;
  const refs = referencesOf(a);
  const header: KnownBlock = {
    type: 'header',
    text: { type: 'plain_text', text: clip(`${toneEmoji[a.tone]}${toPlain(a.title)}`, LIMITS.headerText), emoji: true },
  };
  const body: KnownBlock[] = [
    ...(a.summary ? textSections(a.summary, refs) : []),
    ...fieldBlocks(a.fields, refs),
    ...a.tables.flatMap((t) => tableBlocks(t, refs)),
    ...a.charts.flatMap((c) => textSections(`:bar_chart: ${c.numbers}`, refs)),
  ];
  const notices = a.notices.length
    ? contextBlock(
        a.notices.map((n) => `:information_source: ${n}`),
        refs,
      )
    : undefined;
  const footer = contextBlock([footerText(a)], refs);
  const tail: KnownBlock[] = [
    ...(notices ? [notices] : []),
    ...(footer ? [footer] : []),
    ...actionBlocks(a.components, opts.blockIdPrefix),
  ];
  const room = max - 1 - tail.length;
  if (body.length > room) {
    const kept = body.slice(0, Math.max(0, room - 1));
    const note = contextBlock([`Shortened for Slack: ${body.length - kept.length} more part(s) did not fit.`], refs);
    return [header, ...kept, ...(note ? [note] : []), ...tail];
  }
  return [header, ...body, ...tail];
}
