// An answer's charts as PNG files in Slack: rendered with the light theme (Slack's default look) and uploaded
// with files.uploadV2 — files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal —
// into the channel, or into a message's thread, each with its alt text for screen readers.
import type { WebClient } from '@slack/web-api';
import { renderChart } from '../../charts/index.ts';
import type { AnswerChart } from '../answer.ts';
import { clip } from './render/mrkdwn.ts';

/** Slack keeps alt text short; the chart's numbers are in the message text anyway. */
const ALT_MAX = 1000;

export async function uploadCharts(
  client: WebClient,
  where: { channelId: string; threadTs?: string },
  charts: AnswerChart[],
): Promise<string[]> {
  if (charts.length === 0) return [];
  const files = await Promise.all(
    charts.map(async (c) => {
      const rendered = await renderChart(c.spec, { theme: 'light' });
      return {
        file: rendered.png,
        filename: c.filename,
        title: c.filename.replace(/\.png$/i, ''),
        alt_text: clip(rendered.alt || c.alt, ALT_MAX),
      };
    }),
  );
  const destination = where.threadTs
    ? { channel_id: where.channelId, thread_ts: where.threadTs }
    : { channel_id: where.channelId };
  const res = await client.filesUploadV2({ ...destination, file_uploads: files });
  return res.files.flatMap((completed) => (completed.files ?? []).map((f) => f.id ?? ''));
}
