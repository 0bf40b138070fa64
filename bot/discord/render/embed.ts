// An answer as Discord embeds: title, colour by tone, summary and tables in the description, fields,
// the charts' numbers as text, notices, a footer with period · freshness · model (· reference), and the
// first chart's PNG as the embed image (further charts in image-only embeds). Kept within Discord's
// limits: description 4096, 25 fields of 1024, footer 2048, 6000 characters across a message's embeds.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { referencesOf, type Answer, type Tone } from '../../answer.ts';
import { plainText, type References } from '../../markup.ts';
import { toDiscord } from './markdown.ts';
import { tableBlock } from './table.ts';

export const toneColours: Record<Tone, number> = {
  good: 0x2ecc71,
  warning: 0xf1c40f,
  bad: 0xe74c3c,
  neutral: 0x95a5a6,
  info: 0x3498db,
};

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A chart already rendered and attached under `filename`. */
export interface AttachedChart {
  filename: string | null;
  alt: string;
  numbers: string;
}

/** Footers are plain text on Discord (no markdown): markup is dropped, data shown as written. */
function footerText(answer: Answer): string | undefined {
  const f = answer.footer;
  const parts = [f.period, f.freshness, f.model, answer.reference ? `ref ${answer.reference}` : undefined].filter(
    (p): p is string => !!p,
  );
  return parts.length ? clip(plainText(parts.join(' · ')), 2048) : undefined;
}

function description(answer: Answer, budget: number, refs: References): string | undefined {
  const parts: string[] = [];
  if (answer.summary) parts.push(clip(toDiscord(answer.summary, refs), Math.min(budget, 1500)));
  for (const table of answer.tables) {
    const used = parts.join('\n\n').length + 2;
    const block = tableBlock(table, budget - used, refs);
    if (block) parts.push(block);
  }
  const text = parts.join('\n\n');
  return text ? clip(text, budget) : undefined;
}

function fields(answer: Answer, charts: AttachedChart[], refs: References): APIEmbedField[] {
  const md = (text: string, max: number) => clip(toDiscord(text, refs), max);
  const out: APIEmbedField[] = answer.fields.map((f) => ({
    name: md(f.label, 256),
    value: md(f.value || '—', 1024),
    inline: f.inline ?? false,
  }));
  answer.charts.forEach((c, i) => {
    const numbers = charts[i]?.numbers ?? c.numbers;
    if (numbers)
      out.push({ name: md(`Chart data: ${c.alt || c.filename}`, 256), value: md(numbers, 1024), inline: false });
  });
  if (answer.notices.length) out.push({ name: 'Note', value: md(answer.notices.join('\n'), 1024), inline: false });
  return out.slice(0, 25);
}

const embedLength = (e: APIEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** The message's embeds; `charts` are the rendered charts, in the answer's order, already attached. */
export function answerEmbeds(answer: Answer, charts: AttachedChart[]): APIEmbed[] {
  const refs = referencesOf(answer);
  const main: APIEmbed = { title: clip(toDiscord(answer.title, refs), 256), color: toneColours[answer.tone] };
  const footer = footerText(answer);
  if (footer) main.footer = { text: footer };
  const list = fields(answer, charts, refs);
  // Fields alone may not crowd out the rest: drop from the end until the embed leaves room for a description.
  while (list.length && embedLength({ ...main, fields: list }) > 4500) list.pop();
  if (list.length) main.fields = list;
  const images = charts.filter((c): c is AttachedChart & { filename: string } => c.filename !== null);
  if (images[0]) main.image = { url: `attachment://${images[0].filename}` };
  // What the description may use of the 6000 characters shared by all embeds of the message.
  const room = Math.min(4096, 6000 - embedLength(main) - images.length * 300);
  const text = description(answer, Math.max(0, room), refs);
  if (text) main.description = text;
  const extra = images.slice(1, 10).map(
    (c): APIEmbed => ({
      color: main.color,
      title: clip(toDiscord(c.alt.split('\n')[0] ?? c.filename, refs), 256),
      image: { url: `attachment://${c.filename}` },
    }),
  );
  return [main, ...extra];
}
