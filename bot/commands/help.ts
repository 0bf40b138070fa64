// `help`: what Pulse can do here, one line per command. The registry (index.ts) hands it the command list, so
// the list never drifts and help does not import the registry that contains it.
import { answer } from '../answer.ts';
import type { Command } from './types.ts';
import { tiersSummary } from '../parts/upgrade-links.ts';

/** The help command over `listed()`: read when help runs, so it includes every command, help too. */
export function createHelpCommand(listed: () => readonly Command[]): Command {
  return {
    name: 'help',
    description: 'What Pulse can do: the list of commands',
    options: [],
    access: 'granted',
    answers: 'private',
    needsLink: false,
    async handle(ctx) {
      // Discord registers each command (or group) as its own slash command; Slack has the one `/pulse`.
      const prefix = ctx.actor.platform === 'slack' ? '/pulse ' : '/';
      const lines = listed().map((c) => {
        const opts = c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
        const name = ctx.actor.platform === 'slack' ? c.name.replace(/^pulse /, '') : c.name;
        return `\`${prefix}${name}${opts ? ` ${opts}` : ''}\` — ${c.description}`;
      });
      const unlinked = ctx.tenant
        ? []
        : ['', 'This workspace is not linked to a Whop company yet: an admin starts with `/pulse setup`.'];
      const plans = ['', tiersSummary(), ...(ctx.tenant ? [`This company is on **${ctx.tenant.company.tier}**.`] : [])];
      return answer({
        title: 'Pulse commands',
        summary: [...lines, ...plans, ...unlinked].join('\n'),
        tone: 'info',
        visibility: 'ephemeral',
      });
    },
  };
}
