// Sends an Answer back to the person who asked, after the ack: through the interaction's response_url
// (`respond`: ephemeral or in the channel, optionally replacing the message the button sat on), else
// chat.postEphemeral / chat.postMessage. Charts follow public answers as file uploads; they never follow an
// ephemeral one, because a file shared in a channel is visible to everyone in it.
import type { RespondFn } from '@slack/bolt';
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Answer } from '../answer.ts';
import type { BotLogger } from '../deps.ts';
import { uploadCharts } from './charts.ts';
import { renderSlackMessage } from './render/message.ts';

export interface ReplyTarget {
  client: WebClient;
  respond?: RespondFn;
  channelId: string | null;
  userId: string;
  log: BotLogger;
}

const notHere = new Set(['not_in_channel', 'channel_not_found']);

export async function sendAnswer(to: ReplyTarget, a: Answer, opts: { replaceOriginal?: boolean } = {}): Promise<void> {
  const message = renderSlackMessage(a);
  const ephemeral = a.visibility === 'ephemeral';
  if (to.respond) {
    await to.respond({
      ...message,
      response_type: ephemeral ? 'ephemeral' : 'in_channel',
      replace_original: opts.replaceOriginal ?? false,
    });
  } else if (to.channelId) {
    if (ephemeral) await to.client.chat.postEphemeral({ ...message, channel: to.channelId, user: to.userId });
    else await to.client.chat.postMessage({ ...message, channel: to.channelId, unfurl_links: false });
  } else {
    // No channel (App Home): the person's direct messages with Pulse, which only they see.
    await to.client.chat.postMessage({ ...message, channel: to.userId, unfurl_links: false });
  }
  if (!ephemeral && to.channelId && a.charts.length > 0) await sendCharts(to, a);
}

async function sendCharts(to: ReplyTarget, a: Answer): Promise<void> {
  try {
    await uploadCharts(to.client, { channelId: to.channelId! }, a.charts);
  } catch (err) {
    const code = err instanceof WebAPIPlatformError ? err.data.error : undefined;
    to.log.warn({ code, err: err instanceof Error ? err.message : String(err) }, 'slack chart upload failed');
    if (code && notHere.has(code)) {
      const hint = {
        text: 'Pulse could not post the chart here: invite it to this channel with `/invite @Pulse`. The numbers above are complete.',
      };
      if (to.respond) await to.respond({ ...hint, response_type: 'ephemeral', replace_original: false });
      else await to.client.chat.postEphemeral({ ...hint, channel: to.channelId!, user: to.userId });
    }
  }
}
