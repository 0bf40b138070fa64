// Answer components as Block Kit actions blocks: buttons keep the answer's opaque id as `action_id` (Bolt hands
// it back on click), link buttons get a `link:` id of their own, a select becomes a static_select.
import type { ActionsBlock, ActionsBlockElement, Button, KnownBlock, PlainTextOption } from '@slack/web-api';
import type { AnswerComponent } from '../../answer.ts';
import { clip, LIMITS, toPlain } from './mrkdwn.ts';

/** Action ids of link buttons: Slack still sends a click for them, which is acknowledged and ignored. */
export const LINK_ACTION_PREFIX = 'link:';

function label(text: string, max: number) {
  return { type: 'plain_text' as const, text: clip(toPlain(text), max), emoji: true };
}

function element(c: AnswerComponent, row: number, col: number): ActionsBlockElement {
  if (c.type === 'link') {
    return {
      type: 'button',
      action_id: `${LINK_ACTION_PREFIX}${row}.${col}`,
      text: label(c.label, LIMITS.buttonText),
      url: c.url,
    };
  }
  if (c.type === 'button') {
    const button: Button = { type: 'button', action_id: c.id, text: label(c.label, LIMITS.buttonText) };
    // Slack has two accents: primary (green) and danger (red); secondary is the plain default.
    if (c.style === 'primary' || c.style === 'success') button.style = 'primary';
    if (c.style === 'danger') button.style = 'danger';
    return button;
  }
  const options: PlainTextOption[] = c.options.slice(0, LIMITS.selectOptions).map((o) => ({
    text: label(o.label, LIMITS.optionText),
    value: clip(o.value, LIMITS.optionValue),
    ...(o.description ? { description: label(o.description, LIMITS.optionText) } : {}),
  }));
  const initial = options[c.options.findIndex((o) => o.default)];
  return {
    type: 'static_select',
    action_id: c.id,
    placeholder: label(c.placeholder, 150),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** One actions block per component row; an id already used in this message is skipped (Slack rejects repeats). */
export function actionBlocks(rows: AnswerComponent[][], blockIdPrefix = 'pulse'): KnownBlock[] {
  const seen = new Set<string>();
  const blocks: ActionsBlock[] = [];
  rows.forEach((row, r) => {
    const elements = row
      .map((c, col) => element(c, r, col))
      .filter((e) => {
        const id = 'action_id' in e ? e.action_id : undefined;
        if (!id || seen.has(id)) return false;
        seen.add(id);
        return true;
      })
      .slice(0, LIMITS.actionsElements);
    if (elements.length > 0) blocks.push({ type: 'actions', block_id: `${blockIdPrefix}-actions-${r}`, elements });
  });
  return blocks;
}
