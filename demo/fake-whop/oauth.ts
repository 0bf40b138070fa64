// The fake Whop's "Sign in with Whop" (OAuth 2.1 + PKCE, OpenID Connect) under /oauth: an HTML consent page
// at /authorize with Approve and Deny buttons (it remembers the S256 code_challenge), /token (form-encoded;
// checks the client id and secret, the redirect_uri and the code_verifier against the challenge; codes work
// once and for 5 minutes) and /userinfo (Bearer access token → sub, name, preferred_username).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeWhopIdentity } from './identity.ts';

const CODE_TTL_MS = 5 * 60_000;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(302, { location: to, 'content-length': 0 });
  res.end();
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function back(redirectUri: string, params: Record<string, string | null>): string {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

function authorize(id: FakeWhopIdentity, q: URLSearchParams, res: ServerResponse): void {
  const client = id.clients.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  // A bad client or redirect URI is shown, never redirected to (RFC 6749 4.1.2.1).
  if (!client || !client.redirectUris.includes(redirectUri))
    return page(res, 400, 'Invalid OAuth request', '<p>Unknown client or redirect_uri.</p>');
  const state = q.get('state');
  const challenge = q.get('code_challenge') ?? '';
  const scope = q.get('scope') ?? '';
  if (
    q.get('response_type') !== 'code' ||
    q.get('code_challenge_method') !== 'S256' ||
    !/^[A-Za-z0-9_-]{43}$/.test(challenge) ||
    !scope.split(' ').includes('openid')
  ) {
    return redirect(res, back(redirectUri, { error: 'invalid_request', state }));
  }
  const user = id.sessionUserId ? id.users.get(id.sessionUserId) : undefined;
  if (!user) return page(res, 401, 'Sign in to Whop', '<p>Nobody is signed in to the fake Whop.</p>');
  const requestId = randomUUID();
  id.pending.set(requestId, { clientId: client.id, redirectUri, state, challenge, scope });
  page(
    res,
    200,
    'Authorize app',
    `<p>Signed in as ${esc(user.name)} (@${esc(user.username)}).</p>
<p>The app wants to know who you are (${esc(scope)}).</p>
<form method="post" action="/oauth/authorize/decision"><input type="hidden" name="request" value="${requestId}">
<button type="submit" name="decision" value="approve">Approve</button> <button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

async function decide(id: FakeWhopIdentity, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await formBody(req);
  const pending = id.pending.get(form?.get('request') ?? '');
  if (!form || !pending || !id.sessionUserId)
    return page(res, 400, 'Invalid OAuth request', '<p>Unknown authorization request.</p>');
  id.pending.delete(form.get('request')!);
  if (form.get('decision') !== 'approve')
    return redirect(res, back(pending.redirectUri, { error: 'access_denied', state: pending.state }));
  const code = randomBytes(24).toString('base64url');
  id.codes.set(code, { ...pending, userId: id.sessionUserId, used: false, expiresAtMs: Date.now() + CODE_TTL_MS });
  redirect(res, back(pending.redirectUri, { code, state: pending.state }));
}

function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id: string; secret: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [cid, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(cid ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

async function token(id: FakeWhopIdentity, req: IncomingMessage, res: ServerResponse): Promise<void> {
  id.stats.tokenRequests++;
  const refuse = (status: number, error: string) => {
    id.stats.tokenRefusals++;
    json(res, status, { error });
  };
  const form = await formBody(req);
  if (!form) return refuse(400, 'invalid_request');
  const creds = clientCredentials(req, form);
  const client = id.clients.get(creds.id);
  if (!client || client.secret !== creds.secret) return refuse(401, 'invalid_client');
  if (form.get('grant_type') !== 'authorization_code') return refuse(400, 'unsupported_grant_type');
  const code = id.codes.get(form.get('code') ?? '');
  if (!code || code.used || code.expiresAtMs < Date.now() || code.clientId !== client.id)
    return refuse(400, 'invalid_grant');
  code.used = true; // one attempt per code, right or wrong
  const verifier = form.get('code_verifier') ?? '';
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  if (
    form.get('redirect_uri') !== code.redirectUri ||
    !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) ||
    challenge !== code.challenge
  )
    return refuse(400, 'invalid_grant');
  const accessToken = `fake_oauth_${randomBytes(24).toString('base64url')}`;
  id.accessTokens.set(accessToken, code.userId);
  json(res, 200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: 3600,
    refresh_token: randomBytes(24).toString('base64url'),
    scope: code.scope,
  });
}

function userinfo(id: FakeWhopIdentity, req: IncomingMessage, res: ServerResponse): void {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const user = bearer ? id.users.get(id.accessTokens.get(bearer) ?? '') : undefined;
  if (!user) return json(res, 401, { error: 'invalid_token' });
  json(res, 200, { sub: user.id, name: user.name, preferred_username: user.username });
}

/** Serves /oauth/*; false for any other path. */
export async function handleOAuth(
  id: FakeWhopIdentity,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  if (route === 'GET /oauth/authorize') authorize(id, url.searchParams, res);
  else if (route === 'POST /oauth/authorize/decision') await decide(id, req, res);
  else if (route === 'POST /oauth/token') await token(id, req, res);
  else if (route === 'GET /oauth/userinfo') userinfo(id, req, res);
  else return false;
  return true;
}
