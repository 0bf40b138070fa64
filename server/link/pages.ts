// The link page's screens, server-rendered without script: the start ("Sign in with Whop"), the company
// choice after sign-in, "Linked", and one page per refusal saying what happened and what to do. Every value
// from Whop or chat goes through html`` (escaped) and is bounded in length.
import type { InstalledCompany } from '../../core/linking/installed-company.ts';
import type { LinkRefusal } from '../../core/linking/link-flow.ts';
import type { LinkRequestRow } from '../../core/linking/link-requests.repository.ts';
import { html } from '../reports/html.ts';
import { linkDocument, shown } from './layout.ts';

const place = (r: Pick<LinkRequestRow, 'platform' | 'externalId'>) =>
  r.platform === 'discord' ? `Discord server ${shown(r.externalId, 64)}` : `Slack workspace ${shown(r.externalId, 64)}`;
const asker = (r: Pick<LinkRequestRow, 'requestedBy'>) =>
  shown(
    r.requestedBy.replace(/^(discord|slack):/, (_, p: string) => `${p === 'discord' ? 'Discord' : 'Slack'} user `),
    120,
  );
const chatName = (r: Pick<LinkRequestRow, 'platform'>) => (r.platform === 'discord' ? 'Discord' : 'Slack');

export function startPage(r: LinkRequestRow, token: string): string {
  return linkDocument(
    'Link Pulse to your Whop company',
    html`<main class="steps"><h1>Link Pulse to your Whop company</h1>
<p><strong>${place(r)}</strong> asked to be linked to a Whop company (requested by ${asker(r)} with <code>/pulse setup</code>).</p>
<p>Sign in with Whop so Pulse can check that you are an admin of the company. Pulse learns your Whop user id only; your password stays with Whop.</p>
<div class="actions"><a class="button" href="/link/${token}/start">Sign in with Whop</a></div>
<p class="muted">This link works once and expires 15 minutes after it was made. If you did not ask for it, close this page: nothing is linked until an admin of the company picks it.</p></main>`,
  );
}

export function pickerPage(
  r: LinkRequestRow,
  token: string,
  whopUserId: string,
  candidates: InstalledCompany[],
): string {
  const action = `/link/${token}/company`;
  const choices = candidates.map(
    (
      c,
    ) => html`<form class="inline" method="post" action="${action}"><input type="hidden" name="company" value="${c.whopCompanyId}">
<button type="submit" name="choose" value="${c.whopCompanyId}">Link to ${shown(c.name)}</button></form>`,
  );
  return linkDocument(
    'Choose your Whop company',
    html`<main class="steps"><h1>Choose your Whop company</h1>
<p>Signed in to Whop as <code>${shown(whopUserId, 64)}</code>. Pick the company <strong>${place(r)}</strong> should answer for; Pulse checks with Whop that you are one of its admins.</p>
${candidates.length ? html`<div class="actions">${choices}</div>` : html`<p class="muted">Whop did not list any company of yours that has Pulse installed: enter its id below.</p>`}
<form method="post" action="${action}"><label for="company">${candidates.length ? 'Another company: its' : "The company's"} Whop id</label>
<input type="text" id="company" name="company" placeholder="biz_…" maxlength="500" autocomplete="off" required>
<p class="muted">The id starts with <code>biz_</code>: it is in the address of your Whop dashboard (whop.com/dashboard/biz_…); pasting that address works too.</p>
<div class="actions"><button type="submit" class="secondary">Link this company</button></div></form></main>`,
  );
}

export function linkedPage(r: Pick<LinkRequestRow, 'platform' | 'externalId'>, company: InstalledCompany): string {
  return linkDocument(
    'Linked',
    html`<main class="steps done"><h1>Linked</h1>
<p><strong>${place(r)}</strong> now answers for <strong>${shown(company.name)}</strong> (<code>${company.whopCompanyId}</code>).</p>
<p>Pulse syncs your members and payments from Whop next; figures fill in as the first sync finishes. Back in ${chatName(r)}, run <code>/pulse setup</code> again to choose the digest, alert and staff channels, time zone and who may use Pulse.</p>
<p class="muted">You can close this page.</p></main>`,
  );
}

interface RefusalText {
  status: number;
  title: string;
  text: string;
  retry?: boolean;
}

const refusals: Record<LinkRefusal, RefusalText> = {
  invalid: {
    status: 404,
    title: 'Link not valid',
    text: 'This is not a valid Pulse link. Run /pulse setup again in Discord or Slack for a new one.',
  },
  expired: {
    status: 410,
    title: 'Link expired',
    text: 'This link expired (links work for 15 minutes). Run /pulse setup again for a new one.',
  },
  used: {
    status: 410,
    title: 'Link already used',
    text: 'This link was already used: each works once. If the workspace is not linked, run /pulse setup again for a new link.',
  },
  'other-browser': {
    status: 403,
    title: 'Finish in the same browser',
    text: 'Sign-in must finish in the browser where it started. Open the link from chat again in this browser and sign in from there.',
    retry: true,
  },
  'sign-in-denied': {
    status: 403,
    title: 'Sign-in cancelled',
    text: 'Whop did not sign you in (the request was declined). Nothing was linked.',
    retry: true,
  },
  'sign-in-failed': {
    status: 502,
    title: 'Sign-in did not complete',
    text: 'Whop did not confirm the sign-in. Nothing was linked; please try again.',
    retry: true,
  },
  'not-signed-in': {
    status: 403,
    title: 'Sign in first',
    text: 'Sign in with Whop before choosing a company.',
    retry: true,
  },
  'bad-company': {
    status: 422,
    title: 'Not a company id',
    text: 'That is not a Whop company id: it starts with biz_ (see the address of your Whop dashboard).',
    retry: true,
  },
  'not-installed': {
    status: 409,
    title: 'Pulse is not installed there',
    text: 'That company has not installed Pulse on Whop (or removed it). Install Pulse from the Whop app store in that company first, then try again.',
    retry: true,
  },
  'not-admin': {
    status: 403,
    title: 'Not an admin of that company',
    text: "Whop says you are not an admin of that company, so Pulse cannot link it for you. Ask the company's owner or an admin to open the link.",
    retry: true,
  },
  'linked-elsewhere': {
    status: 409,
    title: 'Already linked to another company',
    text: 'This workspace is already linked to a different company. Nothing was changed.',
  },
  'whop-unavailable': {
    status: 503,
    title: 'Whop did not answer',
    text: 'Pulse could not check with Whop just now. Nothing was linked; please try again in a minute.',
    retry: true,
  },
  'not-configured': {
    status: 503,
    title: 'Sign in with Whop is off',
    text: 'This Pulse server has no Whop sign-in configured. Its operator can link the workspace with `pulse link`.',
  },
};

/** The status and page of a refusal; `retryToken` offers "start again" when the link itself is still good. */
export function refusalPage(refusal: LinkRefusal, retryToken?: string): { status: number; body: string } {
  const r = refusals[refusal];
  const retry =
    r.retry && retryToken
      ? html`<div class="actions"><a class="button secondary" href="/link/${retryToken}">Start again</a></div>`
      : '';
  return {
    status: r.status,
    body: linkDocument(
      r.title,
      html`<main class="steps refusal"><h1>${r.title}</h1><p>${r.text}</p>${retry}<p class="muted">Nothing was linked.</p></main>`,
    ),
  };
}
