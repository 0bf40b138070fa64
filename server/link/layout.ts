// The shell of the link and Whop-dashboard pages: the report pages' stylesheet plus a few rules for buttons
// and forms, both inline and allowed by hash; no script anywhere. Headers: the report pages' strict set,
// with forms allowed to post back here (link pages) or framing allowed by Whop (dashboard view).
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { html, raw, type Html } from '../reports/html.ts';
import { reportCss, reportCssHash } from '../reports/style.ts';

const linkCss = `
.steps{max-width:640px}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.button,button{display:inline-block;font:inherit;padding:8px 16px;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:var(--bg);text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:transparent;color:var(--accent)}
form.inline{display:inline}
label{display:block;margin:12px 0 4px;font-weight:600}
input[type=text]{font:inherit;padding:7px 10px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--fg);width:min(100%,360px)}
.refusal h1{color:var(--bad)}
.done h1{color:var(--good)}
`.trim();
const linkCssHash = `'sha256-${createHash('sha256').update(linkCss, 'utf8').digest('base64')}'`;

/** Origins allowed to frame the dashboard view (Whop's site and its app proxy). */
export const whopFrameAncestors = 'https://whop.com https://*.whop.com';

function csp(formAction: string, frameAncestors: string): string {
  return [
    "default-src 'none'",
    "img-src 'self'",
    `style-src ${reportCssHash} ${linkCssHash}`,
    "base-uri 'none'",
    `form-action ${formAction}`,
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}
export const linkPageCsp = csp("'self'", "'none'");
export const dashboardCsp = csp("'none'", whopFrameAncestors);

function common(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex, nofollow');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('cache-control', 'no-store');
}

export function setLinkHeaders(reply: FastifyReply): void {
  common(reply);
  reply.header('content-security-policy', linkPageCsp);
  reply.header('x-frame-options', 'DENY');
}

/** Framed by Whop: no X-Frame-Options (it cannot name an allow-list); frame-ancestors decides. */
export function setDashboardHeaders(reply: FastifyReply): void {
  common(reply);
  reply.header('content-security-policy', dashboardCsp);
}

export function linkDocument(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><link rel="icon" href="/r/favicon.svg" type="image/svg+xml">
<title>${title}</title><style>${raw(reportCss)}</style><style>${raw(linkCss)}</style></head>
<body>${body}</body></html>`.text;
}

/** Text from Whop or chat, bounded before it is shown (html`` escapes it). */
export function shown(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
