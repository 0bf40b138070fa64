// What an unlinked guild or workspace sees instead of an error: how to link it to a Whop company. With Sign in
// with Whop configured, `/pulse setup` answers an admin with a one-time link page (linkPageAnswer); a
// self-hosted server without it keeps the Whop-key form (the button), and everyone else is told who can do it.
import { answer, type Answer } from '../answer.ts';
import { SETUP_KEY_ACTION } from './action-ids.ts';

type Platform = 'discord' | 'slack';
const placeOf = (platform: Platform) => (platform === 'discord' ? 'server' : 'workspace');
const setup = '/pulse setup'; // the same on both: Discord's `pulse` group, Slack's one command

/** `signIn`: this server links with Sign in with Whop (then `/pulse setup` hands out the link, no key form). */
export function setupGuidance(platform: Platform, isAdmin: boolean, signIn = false): Answer {
  const place = placeOf(platform);
  if (!isAdmin) {
    return answer({
      title: 'Pulse is not set up here yet',
      summary: `This ${place} is not linked to a Whop company yet. Ask a ${place} admin to run \`${setup}\`.`,
      tone: 'info',
      visibility: 'ephemeral',
    });
  }
  if (signIn) {
    return answer({
      title: 'Link Pulse to your Whop company',
      summary: `This ${place} is not linked to a Whop company yet. Run \`${setup}\`: it gives you a one-time link to sign in with Whop and pick your company.`,
      tone: 'info',
      visibility: 'ephemeral',
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
    tone: 'info',
    visibility: 'ephemeral',
    components: [[{ type: 'button', id: SETUP_KEY_ACTION, label: 'Enter Whop API key', style: 'primary' }]],
  });
}

/** `/pulse setup` in an unlinked workspace with sign-in on: the link page, private to the admin who asked. */
export function linkPageAnswer(platform: Platform, link: { url: string; expiresAt: Date }, notice?: string): Answer {
  const place = placeOf(platform);
  const until = `${link.expiresAt.toISOString().slice(11, 16)} UTC`;
  return answer({
    title: 'Link Pulse to your Whop company',
    summary: [
      `This ${place} is not linked to a Whop company yet. Three steps:`,
      `1. Open your link page (it works once, until ${until}; do not share it).`,
      '2. **Sign in with Whop** there and pick your company: Pulse checks with Whop that you are one of its admins.',
      `3. Run \`${setup}\` again to choose the digest, alert and staff channels, time zone and digest hour.`,
    ].join('\n'),
    notices: notice ? [notice] : [],
    tone: 'info',
    visibility: 'ephemeral',
    components: [[{ type: 'link', url: link.url, label: 'Open link page' }]],
  });
}
