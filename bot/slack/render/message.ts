// An Answer as a Slack message payload: Block Kit blocks plus the plain `text` Slack shows in notifications
// and screen readers.
import type { KnownBlock } from '@slack/web-api';
import type { Answer } from '../../answer.ts';
import { renderAnswerBlocks } from './blocks.ts';
import { clip, LIMITS, toPlain } from './mrkdwn.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The notification text: the title and the first line of the summary, plain. */
export function fallbackText(a: Answer): string {
  const lead = a.summary?.split('\n')[0];
  return clip(toPlain(lead ? `${a.title}: ${lead}` : a.title), LIMITS.fallbackText);
}

export function renderSlackMessage(a: Answer): SlackMessage {
  return { text: fallbackText(a), blocks: renderAnswerBlocks(a) };
}
