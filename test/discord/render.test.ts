// The Discord renderer on its own: colours by tone, footer, Discord's size limits (25 fields of 1024, a
// 4096-character description, 6000 characters per message, 5 rows of 5 buttons or one select of 25 options),
// charts attached once under unique names with their numbers kept as text even when one fails to render.
import { describe, expect, it } from 'vitest';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { answer, type AnswerComponent } from '../../bot/answer.ts';
import { answerMessage, renderAnswer } from '../../bot/discord/render/message.ts';
import { toneColours } from '../../bot/discord/render/embed.ts';
import { mrrData } from '../charts/fixtures.ts';

const embedChars = (
  embeds: {
    title?: string;
    description?: string;
    footer?: { text: string };
    fields?: { name: string; value: string }[];
  }[],
) =>
  embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );

describe('Discord rendering of answers', () => {
  it('colours by tone, joins the footer, and flags ephemeral answers', () => {
    const m = answerMessage(
      answer({
        title: 'T',
        tone: 'warning',
        visibility: 'ephemeral',
        reference: 'ab12cd',
        footer: { period: 'Mar 2026', freshness: 'synced now', model: 'AUC 0.81' },
      }),
    );
    expect(m.body.embeds[0]!.color).toBe(toneColours.warning);
    expect(m.body.embeds[0]!.footer!.text).toBe('Mar 2026 · synced now · AUC 0.81 · ref ab12cd');
    expect(m.body.flags).toBe(MessageFlags.Ephemeral);
    expect(answerMessage(answer({ title: 'T' })).body.flags).toBeUndefined();
  });

  it("keeps within Discord's embed limits", () => {
    const big = answer({
      title: 'x'.repeat(300),
      summary: 's'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2000) })),
      tables: [
        {
          title: 'Members',
          columns: [
            { key: 'n', label: '#', align: 'right' },
            { key: 'name', label: 'Name' },
          ],
          rows: Array.from({ length: 400 }, (_, i) => ({ n: String(i + 1), name: `Member ${i + 1}` })),
        },
      ],
    });
    const e = answerMessage(big).body.embeds;
    expect(e[0]!.title!.length).toBe(256);
    expect(e[0]!.fields!.length).toBeLessThanOrEqual(25);
    for (const f of e[0]!.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect((e[0]!.description ?? '').length).toBeLessThanOrEqual(4096);
    expect(embedChars(e)).toBeLessThanOrEqual(6000);
  });

  it('cuts a long table at a row, saying how many more there are', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      n: String(i + 1),
      name: `Member ${i + 1}`,
      mrr: `$${i}.00`,
    }));
    const e = answerMessage(
      answer({
        title: 'T',
        tables: [
          {
            columns: [
              { key: 'n', label: '#', align: 'right' },
              { key: 'name', label: 'Name' },
              { key: 'mrr', label: 'MRR', align: 'right' },
            ],
            rows,
          },
        ],
      }),
    ).body.embeds[0]!;
    const lines = e.description!.split('\n');
    expect(lines[0]).toBe('```');
    expect(lines[1]).toBe('  #  Name            MRR');
    expect(lines[2]).toBe('  1  Member 1      $0.00');
    const more = lines.find((l) => l.startsWith('… '))!;
    const shown = lines.filter((l) => /^\s*\d+\s+Member/.test(l)).length;
    expect(more).toBe(`… ${400 - shown} more`);
    expect(e.description!.endsWith('```')).toBe(true);
  });

  it('fits components to 5 rows of 5 buttons or one select of 25 options, dropping what Discord would refuse', () => {
    const button = (i: number): AnswerComponent => ({
      type: 'button',
      id: `p1:test:${i}`,
      label: `B${i}`,
      style: 'primary',
    });
    const rows: AnswerComponent[][] = [
      Array.from({ length: 7 }, (_, i) => button(i)),
      [
        {
          type: 'select',
          id: 'p1:sel',
          placeholder: 'Pick',
          options: Array.from({ length: 30 }, (_, i) => ({ label: `O${i}`, value: String(i) })),
        },
        button(99),
      ],
      [
        { type: 'button', id: 'x'.repeat(101), label: 'too long', style: 'danger' },
        { type: 'link', url: 'javascript:alert(1)', label: 'bad' },
      ],
      [{ type: 'link', url: 'https://pulse.example/r/abc', label: 'Open report' }],
      [button(1)],
      [button(2)],
      [button(3)],
    ];
    const out = answerMessage(answer({ title: 'T', components: rows })).body.components;
    expect(out).toHaveLength(5);
    expect(out[0]!.components).toHaveLength(5);
    expect(out[1]!.components).toEqual([
      expect.objectContaining({ type: ComponentType.StringSelect, custom_id: 'p1:sel' }),
    ]);
    expect((out[1]!.components[0] as { options: unknown[] }).options).toHaveLength(25);
    expect(out[2]!.components).toEqual([
      { type: ComponentType.Button, style: ButtonStyle.Link, url: 'https://pulse.example/r/abc', label: 'Open report' },
    ]);
  });

  it('attaches each chart once under a unique name, and keeps the numbers when a chart cannot be drawn', async () => {
    const chart = {
      spec: { kind: 'mrr' as const, data: mrrData() },
      filename: 'mrr.png',
      alt: 'MRR',
      numbers: 'MRR $12,340.00',
    };
    const broken = { spec: { kind: 'nope' } as never, filename: 'broken.png', alt: 'Broken', numbers: 'still 42' };
    const failures: unknown[] = [];
    const m = await renderAnswer(
      answer({ title: 'Charts', charts: [chart, broken, { ...chart, alt: 'MRR again' }] }),
      (err) => failures.push(err),
    );
    expect(failures).toHaveLength(1);
    expect(m.files.map((f) => f.name)).toEqual(['mrr.png', 'mrr-2.png']);
    expect(m.body.attachments.map((a) => [a.id, a.filename])).toEqual([
      [0, 'mrr.png'],
      [1, 'mrr-2.png'],
    ]);
    expect(m.body.embeds[0]!.image).toEqual({ url: 'attachment://mrr.png' });
    expect(m.body.embeds[1]!.image).toEqual({ url: 'attachment://mrr-2.png' });
    expect(m.body.embeds[0]!.fields!.map((f) => f.value)).toEqual(['MRR $12,340.00', 'still 42', 'MRR $12,340.00']);
  });
});
