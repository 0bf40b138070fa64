// The browser-binding cookie of the link page: set when sign-in starts, read back by the Whop callback and
// the company choice. HttpOnly, SameSite=Lax (sent on the top-level redirect back from Whop, never on a
// cross-site POST), Secure with the __Host- prefix when Pulse is served over https.
import type { FastifyReply, FastifyRequest } from 'fastify';

const MAX_AGE_S = 30 * 60;

export function browserCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '__Host-pulse_link' : 'pulse_link';
}

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setBrowserCookie(reply: FastifyReply, publicUrl: string, value: string): void {
  const secure = publicUrl.startsWith('https:') ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${browserCookieName(publicUrl)}=${value}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`,
  );
}
