// The small page a person lands on after installing Pulse in Slack or Discord (or failing to): a heading and a
// sentence, in the report pages' shell, with their headers (no script, no referrer — the URL carried an OAuth
// code and state — no caching, no framing). Written to Node's response, since the Slack callback hands over
// the raw response of a hijacked Fastify reply.
import type { ServerResponse } from 'node:http';
import { reportCsp } from '../reports/headers.ts';
import { html } from '../reports/html.ts';
import { document } from '../reports/layout.ts';

export const installPageHeaders: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': reportCsp,
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export function installPage(heading: string, sentences: string[]): string {
  return document(
    `Pulse — ${heading}`,
    html`<main class="install"><h1>${heading}</h1>${sentences.map((s) => html`<p>${s}</p>`)}</main>`,
  );
}

export function sendInstallPage(res: ServerResponse, status: number, heading: string, sentences: string[]): void {
  if (res.headersSent) return;
  res.writeHead(status, installPageHeaders);
  res.end(installPage(heading, sentences));
}

/** What an install that did not link its workspace tells the person, by reason (core/installations). */
export function unlinkedSentence(place: 'server' | 'workspace', reason: string): string {
  switch (reason) {
    case 'grant-invalid':
      return `The link from your setup page had expired or was already used, so this ${place} is not linked to a Whop company yet: run /pulse setup there to get a fresh one.`;
    case 'linked-to-another-company':
      return `This ${place} is already linked to another Whop company; unlink it there first.`;
    case 'company-not-installed':
      return 'Your Whop company no longer has Pulse installed on Whop: install it there again, then run /pulse setup.';
    case 'org-wide':
      return 'Pulse was installed across your organization: run /pulse setup in each workspace that should answer for a Whop company.';
    default:
      return `Run /pulse setup in this ${place} to link it to your Whop company.`;
  }
}
