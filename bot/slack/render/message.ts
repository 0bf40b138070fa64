// An Answer as a Slack message payload: Block Kit blocks plus the plain `text` Slack shows in notifications
// and screen readers.
import type { KnownBlock } from '@slack/web-api';
import { referencesOf, type Answer } from '../../answer.ts';
import { spellAnswer } from '../../command-ref.ts';
import { renderAnswerBlocks } from './blocks.ts';
import { clip, LIMITS, toMrkdwn } from './mrkdwn.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The notification text: the title and the first line of the summary without formatting. Slack parses this
 * text as mrkdwn (mentions notify from it even beside blocks), so it is escaped like the blocks are.
 */
export function fallbackText(neutral: Answer): string {
  const a = spellAnswer(neutral, 'slack');
  const lead = a.summary?.split('\n')[0];
  return clip(
    toMrkdwn(lead ? `${a.title}: ${lead}` : a.title, referencesOf(a), { unformatted: true }),
    LIMITS.fallbackText,
  );
}

export function renderSlackMessage(a: Answer): SlackMessage {
  return { text: fallbackText(a), blocks: renderAnswerBlocks(a) };
}
