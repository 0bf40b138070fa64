// Channel and role references in setup: read an id from what the platform sends (Discord pickers send ids;
// Slack sends the typed text, escaped as <#C123|name>, <!subteam^S123|@team> or <@U123>), and write mentions
// that both platforms render as links (<#id>; roles differ: Discord <@&id>, Slack user groups and users).
import { BadInput } from '../../core/errors.ts';

export function channelIdOf(raw: string): string {
  const t = raw.trim();
  const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(t) ?? /^([A-Z][A-Z0-9]{6,20}|\d{5,25})$/.exec(t);
  if (!m)
    throw new BadInput(
      `Pick the channel from the list (or mention it as #channel), not ${JSON.stringify(t.slice(0, 40))}.`,
    );
  return m[1]!;
}

export function roleIdOf(raw: string): string {
  const t = raw.trim();
  const m =
    /^<@&(\d{5,25})>$/.exec(t) ??
    /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(t) ??
    /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(t) ??
    /^(\d{5,25}|[SUW][A-Z0-9]{6,20})$/.exec(t);
  if (!m)
    throw new BadInput(
      `Pick the role from the list (Slack: mention a user group or a person), not ${JSON.stringify(t.slice(0, 40))}.`,
    );
  return m[1]!;
}

export function channelMention(id: string | null): string {
  return id === null ? 'not set' : `<#${id}>`;
}

export function roleMention(platform: 'discord' | 'slack', id: string): string {
  if (platform === 'discord') return `<@&${id}>`;
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}
