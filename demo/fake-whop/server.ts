// A fake Whop v1 REST API on a real loopback port (node:http): the list endpoints of routes.ts under /api/v1,
// support chats (support-chat.ts), bearer-key auth scoped to companies, fault switches, and mutation helpers
// that also send the matching webhook. Importable from server code (`pulse demo` starts one).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WhopDataset } from './dataset.ts';
import { Faults, type FaultStats, type FaultSwitches } from './faults.ts';
import { ApiError, routes, type Access } from './routes.ts';
import { FakeStore } from './store.ts';
import { FakeMutations, type WebhookTarget } from './mutations.ts';
import { FakeWhopIdentity, type FakeIdentityOptions } from './identity.ts';
import { handleIdentity } from './access.ts';
import { FakeApp, type FakeAppOptions } from './app-state.ts';
import { appInstallPage, appRoute } from './app-routes.ts';
import { FakeSupportChat, supportChatRoute } from './support-chat.ts';

export interface FakeWhopOptions {
  dataset: WhopDataset;
  port?: number;
  host?: string;
  /** Bearer keys and what they may read: a company id, or '*' (an app key installed on every company). */
  apiKeys?: Record<string, string>;
  faults?: FaultSwitches;
  /** Where mutation helpers deliver their webhooks. */
  webhooks?: WebhookTarget;
  /** Users, company admins, the OAuth client and per-key refusals (identity.ts, oauth.ts, access.ts). */
  identity?: FakeIdentityOptions;
  /** Pulse as a Whop app: its id, its own company and tier plans (app-state.ts). */
  app?: FakeAppOptions;
}

export interface FakeWhop {
  /** Base URL for the SDK's baseURL, ending in /api/v1. */
  url: string;
  store: FakeStore;
  mutations: FakeMutations;
  /** Sign in with Whop, access checks, the JWKS and dashboard user tokens (identity.ts). */
  identity: FakeWhopIdentity;
  /** Installations, checkouts, permission refusals and app webhooks (app-state.ts). */
  app: FakeApp;
  /** Support chats opened and messages posted in them (support-chat.ts). */
  support: FakeSupportChat;
  setFaults(switches: FaultSwitches): void;
  stats(): FaultStats & { byPath: Record<string, number> };
  close(): Promise<void>;
}

export const defaultFakeApiKey = 'fake_whop_app_key';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startFakeWhop(opts: FakeWhopOptions): Promise<FakeWhop> {
  const store = new FakeStore(opts.dataset);
  const keys = opts.apiKeys ?? { [defaultFakeApiKey]: '*' };
  const faults = new Faults();
  faults.switches = { ...opts.faults };
  const byPath: Record<string, number> = {};
  const mutations = new FakeMutations(store, opts.webhooks);
  const identity = await FakeWhopIdentity.create(opts.identity);
  const app = new FakeApp(store, () => mutations.target, opts.app);
  const support = new FakeSupportChat();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (await handleIdentity(identity, keys, req, res, url)) return;
    const path = url.pathname.replace(/^\/api\/v1/, '');
    byPath[path] = (byPath[path] ?? 0) + 1;
    if (await appInstallPage(app, url.pathname, url.searchParams, res)) return;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const scope = token === undefined ? undefined : keys[token];
    if (scope === undefined)
      return send(res, 401, { error: { type: 'unauthorized', message: 'Invalid or missing API key' } });
    if (!(await faults.admit(path, url.searchParams, res))) return;
    const decision = faults.decide(path);
    if (faults.switches.latencyMs) await new Promise((r) => setTimeout(r, faults.switches.latencyMs));
    if (decision.kind === 'reset') return void req.socket.destroy();
    if (decision.kind === 'rate_limited') {
      const body = { error: { type: 'rate_limit_exceeded', message: `Try again in ${decision.seconds} seconds.` } };
      return send(res, 429, body, decision.header ? { 'retry-after': String(decision.seconds) } : {});
    }
    if (decision.kind === 'server_error')
      return send(res, 500, { error: { type: 'internal_server_error', message: 'Something went wrong' } });
    const appAnswer = await appRoute(app, req, path, url.searchParams, (id) => scope === '*' || scope === id);
    if (appAnswer) return send(res, appAnswer.status, appAnswer.body);
    const chatAnswer = await supportChatRoute(support, store, req, path, (id) => scope === '*' || scope === id);
    if (chatAnswer) return send(res, chatAnswer.status, chatAnswer.body);
    const route = req.method === 'GET' ? routes[path] : undefined;
    if (!route)
      return send(res, 404, { error: { type: 'not_found', message: `No route ${req.method} ${url.pathname}` } });
    const access: Access = (companyId) => scope === '*' || scope === companyId;
    try {
      const result = route(store, access, url.searchParams);
      if (decision.kind === 'drop') {
        const text = JSON.stringify(result.body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        return void setImmediate(() => res.socket?.destroy());
      }
      send(res, result.status, result.body);
    } catch (err) {
      if (err instanceof ApiError) return send(res, err.status, { error: { type: err.type, message: err.message } });
      send(res, 500, { error: { type: 'internal_server_error', message: 'fake failed' } });
      throw err;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => process.stderr.write(`fake whop: ${String(err)}\n`));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  app.baseUrl = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/api/v1`,
    store,
    mutations,
    identity,
    app,
    support,
    setFaults: (s) => void (faults.switches = { ...s }),
    stats: () => ({ ...faults.stats, byPath: { ...byPath } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
