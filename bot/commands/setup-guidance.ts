// What an unlinked guild or workspace sees instead of an error: how to link it to a Whop company. Admins
// get the button that opens the Whop-key form; everyone else is told who can do it.
import { answer, type Answer } from '../answer.ts';
import { SETUP_KEY_ACTION } from './action-ids.ts';

export function setupGuidance(platform: 'discord' | 'slack', isAdmin: boolean): Answer {
  const place = platform === 'discord' ? 'server' : 'workspace';
  const setup = '/pulse setup'; // the same on both: Discord's `pulse` group, Slack's one command
  if (!isAdmin) {
    return answer({
      title: 'Pulse is not set up here yet',
      summary: `This ${place} is not linked to a Whop company yet. Ask a ${place} admin to run \`${setup}\`.`,
      tone: 'info', visibility: 'ephemeral',
    });
  }
  return answer({
    title: 'Link Pulse to your Whop company',
    summary: [
      `This ${place} is not linked to a Whop company yet. Three steps:`,
      '1. In your Whop dashboard, open **Developer → API keys** and create a company API key (read access is enough).',
      '2. Press **Enter Whop API key** below and paste it. Pulse checks it with Whop and stores it encrypted.',
      `3. Run \`${setup}\` again to choose the digest, alert and staff channels, time zone and digest hour.`,
    ].join('\n'),
    tone: 'info', visibility: 'ephemeral',
    components: [[{ type: 'button', id: SETUP_KEY_ACTION, label: 'Enter Whop API key', style: 'primary' }]],
  });
}
