// Answer components as Discord action rows, within Discord's limits: at most 5 rows, 5 buttons or one
// select per row, labels ≤80, custom ids ≤100, select options ≤25. What cannot be shown is left out.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIButtonComponent,
  type APIStringSelectComponent,
} from 'discord.js';
import type { AnswerComponent } from '../../answer.ts';
import { plainText } from '../../markup.ts';

/** Labels are plain text on Discord: markup dropped, data shown as written, cut to the limit. */
const clip = (text: string, max: number) => {
  const plain = plainText(text);
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
};

const styles = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

function toComponent(c: AnswerComponent): APIComponentInMessageActionRow | null {
  switch (c.type) {
    case 'button':
      if (c.id.length > 100) return null;
      return {
        type: ComponentType.Button,
        style: styles[c.style],
        custom_id: c.id,
        label: clip(c.label, 80),
      } satisfies APIButtonComponent;
    case 'link':
      if (!/^https?:\/\//.test(c.url) || c.url.length > 512) return null;
      return {
        type: ComponentType.Button,
        style: ButtonStyle.Link,
        url: c.url,
        label: clip(c.label, 80),
      } satisfies APIButtonComponent;
    case 'select': {
      if (c.id.length > 100 || c.options.length === 0) return null;
      const options = c.options.slice(0, 25).map((o) => ({
        label: clip(o.label, 100),
        value: o.value.slice(0, 100),
        ...(o.description ? { description: clip(o.description, 100) } : {}),
        ...(o.default ? { default: true } : {}),
      }));
      return {
        type: ComponentType.StringSelect,
        custom_id: c.id,
        placeholder: clip(c.placeholder, 150),
        options,
      } satisfies APIStringSelectComponent;
    }
  }
}

export function actionRows(rows: AnswerComponent[][]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const out: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (const row of rows) {
    const items = row.map(toComponent).filter((c): c is APIComponentInMessageActionRow => c !== null);
    const select = items.find((c) => c.type === ComponentType.StringSelect);
    const components = select ? [select] : items.slice(0, 5);
    if (components.length > 0) out.push({ type: ComponentType.ActionRow, components });
    if (out.length === 5) break;
  }
  return out;
}
