// Who is asking: the client address the rate limits key on, from TRUST_PROXY. Forwarded headers are set by
// whoever sends the request, so they count only when a proxy we run in front of Pulse sets them:
//   unset / false  never: the connection's own address (X-Forwarded-For and Fly-Client-IP are ignored);
//   fly            fly.io's edge: the Fly-Client-IP header it sets (the address it accepted the connection from);
//   true           Fastify's trustProxy: the first X-Forwarded-For entry (only behind a proxy that overwrites it);
//   a list         addresses / CIDRs of our proxies (e.g. `10.0.0.0/8,127.0.0.1`): X-Forwarded-For is walked
//                  from the right past those, and the first address that is not one of them is the client.
import { isIP } from 'node:net';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

export type TrustProxy = { mode: 'off' } | { mode: 'fly' } | { mode: 'all' } | { mode: 'list'; proxies: string[] };

export class TrustProxyError extends Error {}

/** proxy-addr's names for address ranges, accepted in the list as they are. */
const rangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (rangeNames.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY's value, checked: a bad entry is an error naming it (never silently "trust nobody"). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v.toLowerCase() === 'false') return { mode: 'off' };
  if (v.toLowerCase() === 'fly') return { mode: 'fly' };
  if (v.toLowerCase() === 'true') return { mode: 'all' };
  const proxies = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = proxies.find((p) => !isAddressOrCidr(p));
  if (bad !== undefined)
    throw new TrustProxyError(`TRUST_PROXY: "${bad.slice(0, 60)}" is not fly, true, false or an address/CIDR list`);
  return { mode: 'list', proxies };
}

/** Fastify's trustProxy for the mode (it decides `req.ip`); fly's header is read by clientAddress instead. */
export function fastifyTrustProxy(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (trust.mode === 'all') return true;
  if (trust.mode === 'list') return trust.proxies;
  return false;
}

/** The client's address for the mode (Fastify built with fastifyTrustProxy of the same mode). */
export function clientAddressFor(trust: TrustProxy): (req: FastifyRequest) => string {
  if (trust.mode !== 'fly') return (req) => req.ip;
  return (req) => {
    const header = req.headers['fly-client-ip'];
    const value = typeof header === 'string' ? header.trim() : '';
    return isIP(value) ? value : req.ip;
  };
}
