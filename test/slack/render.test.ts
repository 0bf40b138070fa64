// Answer → Block Kit (bot/slack/render): Slack's markup and escaping, fields ten to a section, long text and
// tables split under 3000 characters, at most 50 blocks with the actions kept, buttons and selects — every
// result checked against the same Block Kit rules the fake Slack enforces with invalid_blocks.
import { describe, expect, it } from 'vitest';
import { answer, type AnswerTable } from '../../bot/answer.ts';
import { renderAnswerBlocks } from '../../bot/slack/render/blocks.ts';
import { renderSlackMessage } from '../../bot/slack/render/message.ts';
import { blockProblems } from '../fakes/slack/block-rules.ts';
import { blockTexts } from './harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Block Kit JSON

const valid = (blocks: unknown, max = 50) => expect(blockProblems(blocks, max)).toEqual([]);

describe('Slack Block Kit renderer', () => {
  it('turns **bold** into *bold*, escapes &, < and >, and keeps channel references', () => {
    const { blocks, text } = renderSlackMessage(
      answer({
        title: 'MRR **up**',
        summary: '**Ann <Admin> & co** posted in <#C0DIGEST1>; `code` stays',
        tone: 'good',
        references: ['<#C0DIGEST1>'],
      }),
    );
    valid(blocks);
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':large_green_circle: MRR up', emoji: true },
    });
    expect(blockTexts(blocks)[1]).toBe('*Ann &lt;Admin&gt; &amp; co* posted in <#C0DIGEST1>; `code` stays');
    expect(text).toBe('MRR up: Ann &lt;Admin&gt; &amp; co posted in <#C0DIGEST1>; code stays');
  });

  it('puts inline fields ten to a section and full-width fields in their own', () => {
    const fields = [
      ...Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: `$${i}.00`, inline: true })),
      { label: 'Wide', value: 'a long line' },
      { label: 'G', value: '1', inline: true },
    ];
    const blocks = renderAnswerBlocks(answer({ title: 't', fields })) as Json[];
    valid(blocks);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.map((s) => (s.fields ? s.fields.length : 'text'))).toEqual([10, 2, 'text', 1]);
    expect(sections[0]!.fields[3].text).toBe('*F3*\n$3.00');
    expect(sections[2]!.text.text).toBe('*Wide*\na long line');
  });

  it('splits long text under 3000 characters a section', () => {
    const summary = Array.from({ length: 120 }, (_, i) => `Line ${i}: ${'x'.repeat(60)}`).join('\n');
    const blocks = renderAnswerBlocks(answer({ title: 't', summary })) as Json[];
    valid(blocks);
    const texts = blocks.filter((b) => b.type === 'section').map((b) => b.text.text as string);
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.join('\n')).toBe(summary);
  });

  it('shows a narrow table as aligned monospace, a wide one as a line per row', () => {
    const narrow: AnswerTable = {
      title: 'Top content',
      columns: [
        { key: 't', label: 'Title' },
        { key: 'v', label: 'Views', align: 'right' },
      ],
      rows: [
        { t: 'Intro', v: '1,204' },
        { t: 'Pricing & plans', v: '87' },
      ],
    };
    const [mono] = renderAnswerBlocks(answer({ title: 't', tables: [narrow] })).slice(1) as Json[];
    expect(mono!.text.text).toBe(
      '*Top content*\n```\nTitle            Views\nIntro            1,204\nPricing &amp; plans     87\n```',
    );
    const wide: AnswerTable = {
      columns: [
        { key: 'n', label: '#' },
        { key: 'm', label: 'Member' },
        { key: 'p', label: 'Churn chance' },
        { key: 'why', label: 'Why' },
      ],
      rows: [
        {
          n: '1',
          m: 'Ann Archer',
          p: '80%',
          why: 'no activity for 21 days; a failed payment on 2 Apr that was not retried yet',
        },
      ],
      page: { index: 0, count: 3, total: 9 },
    };
    const rows = renderAnswerBlocks(answer({ title: 't', tables: [wide] })).slice(1) as Json[];
    expect(rows[0]!.text.text).toBe(
      '*1. Ann Archer* · Churn chance: 80% · Why: no activity for 21 days; a failed payment on 2 Apr that was not retried yet',
    );
    expect(rows[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 1 of 3 · 9 in all' }] });
  });

  it('stays within 50 blocks and keeps the footer and the buttons when the answer is huge', () => {
    const tables: AnswerTable[] = Array.from({ length: 60 }, (_, t) => ({
      columns: [{ key: 'a', label: 'A' }],
      rows: [{ a: `row of table ${t}` }],
    }));
    const a = answer({
      title: 'Huge',
      tables,
      footer: { period: '1 Mar 2026 – 31 Mar 2026', freshness: 'data as of 08:15 UTC', model: 'model AUC 0.86' },
      components: [[{ type: 'button', id: 'p1:page:churn:all:1', label: 'Next', style: 'secondary' }]],
    });
    const blocks = renderAnswerBlocks(a) as Json[];
    valid(blocks);
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(blocks.at(-2)!.elements[0].text).toBe('1 Mar 2026 – 31 Mar 2026 · data as of 08:15 UTC · model AUC 0.86');
    expect(blockTexts(blocks).some((t) => /^Shortened for Slack: \d+ more part\(s\) did not fit\.$/.test(t))).toBe(
      true,
    );
    // Header, 60 tables, footer, actions.
    expect(renderAnswerBlocks(a, { maxBlocks: 100 }).length).toBe(63);
  });

  it("renders buttons, links and selects with Slack's element types and limits", () => {
    const blocks = renderAnswerBlocks(
      answer({
        title: 't',
        components: [
          [
            { type: 'button', id: 'p1:churn:contacted:7', label: '1 · Mark contacted', style: 'success' },
            { type: 'button', id: 'p1:churn:snooze:7', label: 'x'.repeat(100), style: 'secondary' },
            { type: 'button', id: 'p1:churn:notrisk:7', label: 'Not at risk', style: 'danger' },
            { type: 'link', url: 'https://pulse.example/r/abc', label: 'Open report' },
          ],
          [
            {
              type: 'select',
              id: 'p1:period:revenue',
              placeholder: 'Change period',
              options: [
                { label: 'Last month', value: 'last_month' },
                { label: 'This year', value: 'this_year', default: true },
              ],
            },
          ],
        ],
      }),
    ) as Json[];
    valid(blocks);
    const [buttons, select] = blocks.filter((b) => b.type === 'actions');
    expect(buttons!.elements.map((e: Json) => [e.action_id, e.style ?? null, e.url ?? null])).toEqual([
      ['p1:churn:contacted:7', 'primary', null],
      ['p1:churn:snooze:7', null, null],
      ['p1:churn:notrisk:7', 'danger', null],
      ['link:0.3', null, 'https://pulse.example/r/abc'],
    ]);
    expect(buttons!.elements[1].text.text).toHaveLength(75);
    expect(select!.elements[0]).toMatchObject({
      type: 'static_select',
      action_id: 'p1:period:revenue',
      initial_option: { value: 'this_year', text: { text: 'This year' } },
    });
    expect(select!.block_id).not.toBe(buttons!.block_id);
  });
});
