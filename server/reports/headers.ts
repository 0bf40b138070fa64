// Response headers of everything under /r/: a CSP that allows only our own images and the one inline
// stylesheet (by hash) and no script at all; no referrer (the token must not leak to other sites); no
// indexing; private caching (no-store for the invalid page); no MIME sniffing; no framing.
import type { FastifyReply } from 'fastify';
import { reportCssHash } from './style.ts';

export const reportCsp = [
  "default-src 'none'",
  "img-src 'self'",
  `style-src ${reportCssHash}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function setReportHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', reportCsp);
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex, nofollow');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('cache-control', 'no-store');
}

/** Responses of a valid link: never in shared caches, and revalidated on every use (a revoked link stops at once). */
export const privateCache = 'private, no-cache';
