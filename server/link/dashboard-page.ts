// The page Whop's dashboard shows an admin inside Pulse's app view: the company's tier and upgrade links,
// buttons that link a Discord server or Slack workspace (each opens a top-level window on Pulse's install
// endpoint with its own single-use install grant: cookies may be blocked inside Whop's iframe), the
// workspaces already linked, and the overview report's sections. Plus the refusal pages. No script.
import type { InstalledCompany } from '../../core/linking/installed-company.ts';
import type { WorkspaceLinkRow } from '../../core/tenancy/index.ts';
import type { PageInput } from '../reports/blocks.ts';
import { instant } from '../reports/format.ts';
import { html, type Html } from '../reports/html.ts';
import { churnSectionHtml } from '../reports/pages/churn.page.ts';
import { contentSectionHtml } from '../reports/pages/content.page.ts';
import { engagementSectionHtml } from '../reports/pages/engagement.page.ts';
import { revenueSectionHtml } from '../reports/pages/revenue.page.ts';
import type { UpgradeOffer } from './dashboard-data.ts';
import { linkDocument, shown } from './layout.ts';

const tierNames: Record<string, string> = { free: 'Free', pro: 'Pro', enterprise: 'Enterprise' };

export interface DashboardView {
  company: InstalledCompany;
  report: PageInput;
  links: WorkspaceLinkRow[];
  /** Absolute install URLs carrying a grant; null when that platform is not set up on this server. */
  install: { discord: string | null; slack: string | null };
  upgrades: UpgradeOffer[];
}

function connectSection(v: DashboardView): Html {
  const linked = v.links.map(
    (l) =>
      html`<li>${l.platform === 'discord' ? 'Discord server' : 'Slack workspace'} <code>${shown(l.externalId, 64)}</code></li>`,
  );
  const button = (href: string | null, label: string) =>
    href
      ? html`<a class="button" href="${href}" target="_blank" rel="noopener noreferrer">${label}</a>`
      : html`<span class="muted">${label}: not set up on this Pulse server.</span>`;
  return html`<section class="connect"><h2>Answer in Discord and Slack</h2>
${linked.length ? html`<ul>${linked}</ul>` : html`<p>No Discord server or Slack workspace is linked yet.</p>`}
<div class="actions">${button(v.install.discord, 'Link a Discord server')}${button(v.install.slack, 'Link a Slack workspace')}</div>
<p class="muted">Each button opens a new window and works once within 15 minutes; reload this page for fresh ones.</p></section>`;
}

function tierSection(v: DashboardView): Html {
  const offers = v.upgrades.map((o) =>
    o.url
      ? html`<a class="button secondary" href="${o.url}" target="_blank" rel="noopener noreferrer">Upgrade to ${tierNames[o.tier]}</a>`
      : html`<span class="muted">Upgrading to ${tierNames[o.tier]} is unavailable just now; try again later.</span>`,
  );
  return html`<section class="tier"><h2>Plan</h2><p>Current plan: <strong data-tier="${v.company.tier}">${tierNames[v.company.tier] ?? shown(v.company.tier, 20)}</strong></p>
${offers.length ? html`<div class="actions">${offers}</div>` : ''}</section>`;
}

export function dashboardPage(v: DashboardView): string {
  const r = v.report.report;
  const brief = { full: false };
  const body = html`<header><h1>Pulse · ${shown(v.company.name)}</h1>
<p class="meta">${r.period.label} · figures as of ${instant(r.asOf, r.company.timeZone)}</p></header>
<main>${tierSection(v)}${connectSection(v)}
${revenueSectionHtml(v.report, brief)}${engagementSectionHtml(v.report, brief)}${churnSectionHtml(v.report, brief)}${contentSectionHtml(v.report, brief)}
<p class="downloads">Full report: <a href="${v.report.base}" target="_blank" rel="noopener noreferrer">open</a> · <a href="${v.report.base}.csv" download>CSV</a> · <a href="${v.report.base}.json" target="_blank" rel="noopener noreferrer">JSON</a></p></main>`;
  return linkDocument(`Pulse · ${shown(v.company.name)}`, body);
}

export const dashboardRefusals = {
  unauthenticated: {
    status: 401,
    title: 'Open Pulse from your Whop dashboard',
    text: "This page works inside Whop: open your company's dashboard on Whop and choose Pulse in its apps.",
  },
  'not-admin': {
    status: 403,
    title: "For the company's admins",
    text: "Pulse's figures are for the owners and admins of this company. If you should see them, ask the owner to make you an admin on Whop.",
  },
  'not-installed': {
    status: 404,
    title: 'Pulse is not set up here yet',
    text: 'Pulse has not finished installing for this company (or was removed). If you just installed it, reload in a minute.',
  },
  'whop-unavailable': {
    status: 503,
    title: 'Whop did not answer',
    text: 'Pulse could not check your access with Whop just now. Please reload in a minute.',
  },
} as const;

export function dashboardRefusalPage(kind: keyof typeof dashboardRefusals): { status: number; body: string } {
  const r = dashboardRefusals[kind];
  return {
    status: r.status,
    body: linkDocument(r.title, html`<main class="steps"><h1>${r.title}</h1><p>${r.text}</p></main>`),
  };
}
