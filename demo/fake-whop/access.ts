// The fake Whop's identity endpoints outside /oauth: the JWKS behind dashboard user tokens
// (/.well-known/jwks.json), the access check (`GET /api/v1/users/{id}/access/{biz_…}`, with an API key that
// can read that company), a user's own companies (`GET /api/v1/companies` with their OAuth access token),
// and per-key refusals (403 insufficient_scope) for keys lacking a permission.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeWhopIdentity } from './identity.ts';
import { handleOAuth } from './oauth.ts';

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const accessPath = /^\/api\/v1\/users\/([^/]+)\/access\/([^/]+)$/;

/**
 * Handles what this file and oauth.ts serve; false lets the fake's list routes answer. `apiKeys` maps a
 * key to the company it reads ('*' = an app key installed everywhere).
 */
export async function handleIdentity(
  id: FakeWhopIdentity,
  apiKeys: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (await handleOAuth(id, req, res, url)) return true;
  if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') {
    json(res, 200, { keys: [id.publicJwk] });
    return true;
  }
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const apiPath = url.pathname.replace(/^\/api\/v1/, '');
  if (id.deniedPaths[bearer]?.includes(apiPath)) {
    json(res, 403, {
      error: { type: 'insufficient_scope', message: 'This API key lacks the permission this endpoint needs' },
    });
    return true;
  }
  const access = req.method === 'GET' ? accessPath.exec(url.pathname) : null;
  if (access) {
    id.stats.accessChecks++;
    const [userId, resource] = [decodeURIComponent(access[1]!), decodeURIComponent(access[2]!)];
    const scope = apiKeys[bearer];
    if (scope === undefined) json(res, 401, { error: { type: 'unauthorized', message: 'Invalid or missing API key' } });
    else if (scope !== '*' && scope !== resource)
      json(res, 403, { error: { type: 'forbidden', message: 'You do not have permission to access this resource' } });
    else {
      const level = id.accessOf(userId, resource);
      json(res, 200, { has_access: level !== 'no_access', access_level: level });
    }
    return true;
  }
  const oauthUser = id.accessTokens.get(bearer);
  if (req.method === 'GET' && url.pathname === '/api/v1/companies' && oauthUser) {
    const data = id.adminCompanies(oauthUser).map((biz) => ({
      id: biz,
      title: biz,
      created_at: '2026-01-01T00:00:00.000Z',
      description: null,
      logo: null,
      member_count: 0,
      metadata: null,
    }));
    json(res, 200, {
      data,
      page_info: { end_cursor: null, start_cursor: null, has_next_page: false, has_previous_page: false },
    });
    return true;
  }
  return false;
}
