// Per-client-address request limits on the endpoints anyone can call without signing in, checked in the
// onRequest stage: before the body is read and before any signature is verified, so a flood costs a map lookup
// per request, not an HMAC or Ed25519 check over a body. Keyed by the client address (client-address.ts; IPv6 by
// /64). Over the limit: 429 with Retry-After; pulse_http_rate_limited_total counts them by endpoint group.
// The numbers (per address, per minute; why in server/README.md "Edge limits"): Whop, Discord and Slack each
// call from a handful of addresses that carry every customer's traffic, so their limits sit above what one
// process can serve; people on report pages get a human-sized one.
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { countRateLimited } from '../observability/index.ts';

export type EdgeGroup = 'whop' | 'discord' | 'slack' | 'reports';
export interface EdgeLimit {
  max: number;
  timeWindowMs: number;
}

export const edgeLimits: Record<EdgeGroup, EdgeLimit> = {
  whop: { max: 6_000, timeWindowMs: 60_000 },
  discord: { max: 3_000, timeWindowMs: 60_000 },
  slack: { max: 3_000, timeWindowMs: 60_000 },
  reports: { max: 120, timeWindowMs: 60_000 },
};

/** The group of a route pattern (`req.routeOptions.url`); other routes are not limited here. */
export function edgeGroupOf(route: string | undefined): EdgeGroup | undefined {
  if (route === undefined) return undefined;
  if (route === '/webhooks/whop') return 'whop';
  if (route === '/discord/interactions' || route === '/discord/events') return 'discord';
  if (route === '/slack/events') return 'slack';
  if (route === '/r/*' || route.startsWith('/r/')) return 'reports';
  return undefined;
}

/** The machine itself (a local proxy without TRUST_PROXY would put every client in one bucket; benches). */
export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export interface EdgeRateLimitOptions {
  clientAddress(req: FastifyRequest): string;
  limits?: Partial<Record<EdgeGroup, EdgeLimit>>;
  /** Addresses never limited; default loopback. */
  exempt?(address: string): boolean;
}

const plugin: FastifyPluginAsync<EdgeRateLimitOptions> = async (app, opts) => {
  const exempt = opts.exempt ?? isLoopback;
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => normalizeIP(opts.clientAddress(req)),
    allowList: (req) => exempt(opts.clientAddress(req)),
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many requests: try again in ${(ctx as { after?: string }).after ?? 'a minute'}`), {
        statusCode: ctx.statusCode,
      }),
  });
  const limiters = new Map<EdgeGroup, onRequestAsyncHookHandler>();
  for (const group of Object.keys(edgeLimits) as EdgeGroup[]) {
    const { max, timeWindowMs } = { ...edgeLimits[group], ...opts.limits?.[group] };
    limiters.set(
      group,
      app.rateLimit({
        max,
        timeWindow: timeWindowMs,
        onExceeded: () => countRateLimited(group),
      }) as onRequestAsyncHookHandler,
    );
  }
  app.addHook('onRequest', async function (req, reply) {
    const group = edgeGroupOf(req.routeOptions.url);
    if (group) await limiters.get(group)!.call(this, req, reply);
  });
};

/** Register at the root, before the routes (skip-override: its hook sees every route). */
export const edgeRateLimits = Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'edge-rate-limits',
});
