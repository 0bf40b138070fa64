// Answer -> Discord message payload: embeds, action rows, the charts rendered once as PNG files attached
// as `attachment://<filename>` (multipart `files[n]` by discord.js REST), the ephemeral flag when the
// answer is ephemeral, and no pings from anything in it.
import {
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type RawFile,
} from 'discord.js';
import { renderChart } from '../../../charts/index.ts';
import type { Answer } from '../../answer.ts';
import { plainText } from '../../markup.ts';
import { actionRows } from './components.ts';
import { spellAnswer } from '../../command-ref.ts';
import { answerEmbeds, type AttachedChart } from './embed.ts';

export interface DiscordMessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** The files of this message (ids index `files`); an edit with this list replaces older attachments. */
  attachments: { id: number; filename: string; description?: string }[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface DiscordMessage {
  body: DiscordMessageBody;
  files: RawFile[];
}

/** A safe, unique file name per chart ('mrr.png', 'mrr-2.png'). */
function fileName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/\.png$/i, '') || 'chart').slice(0, 60);
  let name = `${base}.png`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.png`;
  taken.add(name);
  return name;
}

export interface RenderedCharts {
  files: RawFile[];
  attached: AttachedChart[];
}

/** Renders every chart of the answer once (the slow part: keep it off the 3-second path). */
export async function renderAnswerCharts(answer: Answer, onError?: (err: unknown) => void): Promise<RenderedCharts> {
  const taken = new Set<string>();
  const files: RawFile[] = [];
  const attached: AttachedChart[] = [];
  for (const chart of answer.charts.slice(0, 10)) {
    try {
      const rendered = await renderChart(chart.spec, { theme: 'dark' });
      const filename = fileName(chart.filename, taken);
      files.push({ name: filename, data: rendered.png, contentType: 'image/png' });
      attached.push({ filename, alt: chart.alt || rendered.alt, numbers: chart.numbers || rendered.alt });
    } catch (err) {
      // The numbers still go out as text; the image is left out rather than losing the whole answer.
      attached.push({ filename: null, alt: chart.alt, numbers: chart.numbers });
      onError?.(err);
    }
  }
  return { files, attached };
}

/** The message for an answer whose charts are rendered (`charts`), or that has none. */
export function answerMessage(neutral: Answer, charts: RenderedCharts = { files: [], attached: [] }): DiscordMessage {
  const answer = spellAnswer(neutral, 'discord');
  const body: DiscordMessageBody = {
    embeds: answerEmbeds(answer, charts.attached),
    components: actionRows(answer.components),
    attachments: charts.attached
      .flatMap((c) => (c.filename ? [c] : []))
      .map((c, id) => ({ id, filename: c.filename!, description: plainText(c.alt).slice(0, 1024) })),
    allowed_mentions: { parse: [] },
  };
  if (answer.visibility === 'ephemeral') body.flags = MessageFlags.Ephemeral;
  return { body, files: charts.files };
}

/** Renders the charts and builds the message in one go (deliveries and follow-ups). */
export async function renderAnswer(answer: Answer, onChartError?: (err: unknown) => void): Promise<DiscordMessage> {
  return answerMessage(answer, await renderAnswerCharts(answer, onChartError));
}
