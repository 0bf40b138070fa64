// The fake's endpoints for Pulse as a Whop app: app installations (list, retrieve, PATCH external_id with
// Whop's 409 on a duplicate), checkout configurations (POST returns a purchase URL), retrieving one plan or
// membership, and the 403 insufficient_scope refusals of app-state.ts. Answered before the list routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeApp } from './app-state.ts';
import { ApiError, type Access, type ApiResult } from './routes.ts';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new ApiError(400, 'invalid_request_error', 'body must be a JSON object');
}

const appOnly = (access: Access) => {
  // Only the app key (installed everywhere) manages installations.
  if (!access('*')) throw new ApiError(403, 'forbidden', 'App installations need the app API key');
};

/** The answer to an app request (errors included), or undefined when the path is not one of these (the list routes take it). */
export async function appRoute(
  app: FakeApp,
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  access: Access,
): Promise<ApiResult | undefined> {
  try {
    return await answer(app, req, path, query, access);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { status: err.status, body: { error: { type: err.type, message: err.message } } };
  }
}

async function answer(
  app: FakeApp,
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  access: Access,
): Promise<ApiResult | undefined> {
  if (app.isRefused(path, query))
    throw new ApiError(403, 'insufficient_scope', `The app has not been granted the permission ${path.slice(1)} needs`);
  const method = req.method ?? 'GET';
  if (path === '/app_installations' && method === 'GET') {
    appOnly(access);
    const external = query.get('external_id');
    const company = query.get('company_id');
    const data = [...app.installations.values()].filter(
      (i) => (external === null || i.external_id === external) && (company === null || i.account.id === company),
    );
    return {
      status: 200,
      body: {
        data,
        page_info: { end_cursor: null, start_cursor: null, has_next_page: false, has_previous_page: false },
      },
    };
  }
  const inst = /^\/app_installations\/([^/]+)$/.exec(path);
  if (inst) {
    appOnly(access);
    const installation = app.installations.get(decodeURIComponent(inst[1]!));
    if (!installation) throw new ApiError(404, 'not_found', 'App installation not found');
    if (method === 'GET') return { status: 200, body: installation };
    if (method !== 'PATCH') return undefined;
    const body = await readJson(req);
    if ('external_id' in body) {
      const wanted = body.external_id;
      if (wanted !== null && (typeof wanted !== 'string' || wanted.length > 255))
        throw new ApiError(400, 'invalid_request_error', 'external_id must be a string of at most 255 characters');
      const holder = [...app.installations.values()].find(
        (i) => wanted !== null && i.external_id === wanted && i.id !== installation.id,
      );
      if (holder)
        throw new ApiError(409, 'conflict', 'external_id is already used by another installation of this app');
      installation.external_id = wanted;
    }
    return { status: 200, body: installation };
  }
  if (path === '/checkout_configurations' && method === 'POST') {
    const body = await readJson(req);
    try {
      return { status: 200, body: app.createCheckout(body) };
    } catch (err) {
      throw new ApiError((err as { status?: number }).status ?? 400, 'not_found', (err as Error).message);
    }
  }
  const plan = /^\/plans\/([^/]+)$/.exec(path);
  if (plan && method === 'GET') {
    const id = decodeURIComponent(plan[1]!);
    const owner = [...app.storeCompanies()].find((c) => c.plans.get(id));
    if (!owner) throw new ApiError(404, 'not_found', 'Plan not found');
    if (!access(owner.company.id))
      throw new ApiError(403, 'forbidden', 'You do not have permission to access this resource');
    return { status: 200, body: owner.plans.get(id) };
  }
  const membership = /^\/memberships\/([^/]+)$/.exec(path);
  if (membership && method === 'GET') {
    const id = decodeURIComponent(membership[1]!);
    const owner = [...app.storeCompanies()].find((c) => c.memberships.get(id));
    if (!owner) throw new ApiError(404, 'not_found', 'Membership not found');
    if (!access(owner.company.id))
      throw new ApiError(403, 'forbidden', 'You do not have permission to access this resource');
    return { status: 200, body: owner.memberships.get(id) };
  }
  return undefined;
}

/**
 * The fake's stand-in for Whop's app install page (`/apps/<app id>/install?company=<biz_…>`, no API key: a
 * browser opens it): installs the app on the company (the first one it serves when none is named) and sends
 * app_installation.created. True when it answered.
 */
export async function appInstallPage(
  app: FakeApp,
  path: string,
  query: URLSearchParams,
  res: ServerResponse,
): Promise<boolean> {
  const m = /^\/apps\/([^/]+)\/install$/.exec(path);
  if (!m) return false;
  const reply = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${text}\n`);
  };
  if (decodeURIComponent(m[1]!) !== app.appId) return (reply(404, 'no such app'), true);
  const company =
    query.get('company') ?? [...app.storeCompanies()].map((c) => c.company.id).find((id) => id !== app.ownerCompanyId);
  if (!company || ![...app.storeCompanies()].some((c) => c.company.id === company))
    return (reply(404, 'no such company'), true);
  const r = await app.install(company);
  reply(
    200,
    `Installed ${app.appId} on ${company} (${r.installation.id}); app_installation.created ${r.delivery ? `delivered: HTTP ${r.delivery.status}` : 'not sent (no webhook target)'}.`,
  );
  return true;
}
