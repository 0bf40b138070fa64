// A loopback fake of Slack's Web API on a real port, for `new WebClient(token, { slackApiUrl: fake.apiUrl })`
// and Bolt's `clientOptions.slackApiUrl`: POST /api/<method> with form-encoded or JSON bodies and a
// `Authorization: Bearer xoxb-…` token, the external upload URL files.getUploadURLExternal hands out,
// response_url endpoints for Bolt's `respond`, and Socket Mode (apps.connections.open with the app-level token,
// then the WebSocket of socket-mode.ts), and OAuth v2 installs (installs.ts: oauth.v2.access, one bot token per
// workspace that sees only that workspace). Every call is recorded with its body; faults.ts switches in rate
// limits, error codes and held requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockProblems } from './block-rules.ts';
import { SlackFaults, type SlackBody } from './faults.ts';
import { methods, type FakeUpload, type FakeUser, type SlackState } from './methods.ts';
import { FakeSocketMode } from './socket-mode.ts';
import {
  authorizeInstall,
  newOAuthState,
  oauthV2Access,
  outOfScope,
  type FakeInstall,
  type InstallRequest,
} from './installs.ts';

export type { FakeUser, FakeUpload } from './methods.ts';
export type { FakeInstall, InstallRequest } from './installs.ts';

export interface SlackCall {
  seq: number;
  /** performance.now() when the request arrived. */
  at: number;
  method: string;
  body: SlackBody;
  token: string | undefined;
  /** The workspace of the token used, when it is an installed workspace's token. */
  teamId?: string;
  contentType: string;
  /** What the fake answered (`ok`, `error`), or 429. */
  status: number;
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  seq: number;
  at: number;
  /** The id in the response_url the test handed out. */
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base for `slackApiUrl` (ends with /api/). */
  apiUrl: string;
  origin: string;
  token: string;
  calls: SlackCall[];
  responses: ResponseUrlPost[];
  uploads: Map<string, FakeUpload>;
  faults: SlackFaults;
  /** The app-level token apps.connections.open accepts. */
  appToken: string;
  socketMode: FakeSocketMode;
  addUser(user: FakeUser): void;
  addUserGroup(teamId: string, id: string, users: string[]): void;
  /** A response_url for one interaction; posts to it land in `responses` under `id`. */
  responseUrl(id: string): string;
  callsTo(method: string): SlackCall[];
  /** The app's OAuth credentials (oauth.v2.access checks them). */
  clientId: string;
  clientSecret: string;
  /** Installer pressed Allow: a one-time code for the redirect back. */
  authorizeInstall(r: InstallRequest): string;
  /** Bot tokens handed out by oauth.v2.access. */
  installs: Map<string, FakeInstall>;
  /** Declares a channel of a team (an installed token of another team gets channel_not_found there). */
  addChannel(teamId: string, channelId: string): void;
  /** Every token of the team (or organization) stops working (token_revoked), as on uninstall. */
  revokeInstall(teamOrEnterpriseId: string): void;
  /** Polls until `find` returns something (default 5 s), e.g. the post a listener makes after acking. */
  waitFor<T>(find: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function parseApiBody(raw: Buffer, contentType: string): SlackBody {
  if (contentType.startsWith('application/json')) {
    const parsed = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

/** The uploaded bytes: a multipart file part (what @slack/web-api sends) or the raw body. */
async function uploadedBytes(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://upload.local/', {
    method: 'POST',
    body: new Uint8Array(raw),
    headers: { 'content-type': contentType },
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(text);
}

export async function startFakeSlack(
  opts: { token?: string; appToken?: string; clientId?: string; clientSecret?: string } = {},
): Promise<FakeSlack> {
  const token = opts.token ?? 'xoxb-fake-pulse-token';
  const appToken = opts.appToken ?? 'xapp-1-fake-pulse-app-token';
  const socketMode = new FakeSocketMode();
  const state: SlackState = {
    origin: '',
    users: new Map(),
    userGroups: [],
    uploads: new Map(),
    views: new Map(),
    posted: new Set(),
    seq: 0,
  };
  const calls: SlackCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const faults = new SlackFaults();
  const oauth = newOAuthState(
    opts.clientId ?? '1234567890.0987654321',
    opts.clientSecret ?? 'fake-slack-client-secret',
  );
  let seq = 0;

  async function api(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = req.headers['content-type'] ?? '';
    const body = parseApiBody(await readBody(req), contentType);
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : body.token;
    const call: SlackCall = { seq: ++seq, at: performance.now(), method, body, token: given, contentType, status: 200 };
    calls.push(call);
    await faults.gate(method);
    const fault = faults.take(method, body);
    if (fault?.kind === 'ratelimit') {
      call.status = 429;
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
    }
    const install = given ? oauth.installs.get(given) : undefined;
    if (install) call.teamId = install.teamId;
    const result =
      method === 'oauth.v2.access'
        ? oauthV2Access(oauth, body, auth?.startsWith('Basic ') ? auth.slice(6) : undefined)
        : answerCall(method, body, given, install, fault);
    call.result = result;
    send(res, 200, result);
  }

  /** A token-authenticated method: the legacy single token sees everything, an installed one its own workspace. */
  function answerCall(
    method: string,
    body: SlackBody,
    given: string | undefined,
    install: FakeInstall | undefined,
    fault: { error: string } | undefined,
  ): Record<string, unknown> {
    const expected = method === 'apps.connections.open' ? appToken : token;
    if (!given) return { ok: false, error: 'not_authed' };
    if (install?.revoked) return { ok: false, error: 'token_revoked' };
    if (given !== expected && !(install && method !== 'apps.connections.open'))
      return { ok: false, error: 'invalid_auth' };
    if (fault) return { ok: false, error: fault.error };
    if (install) {
      const refused = outOfScope(oauth, install, method, body, (id) => state.users.get(id)?.teamId);
      if (refused) return { ok: false, error: refused };
      if (method === 'auth.test') {
        return {
          ok: true,
          url: `https://${install.teamId.toLowerCase()}.slack.test/`,
          team: install.teamName,
          user: 'pulse',
          team_id: install.teamId,
          user_id: install.botUserId,
          bot_id: install.botId,
          ...(install.enterpriseId ? { enterprise_id: install.enterpriseId } : {}),
        };
      }
      if (method === 'usergroups.list') body = { ...body, team_id: install.teamId };
    }
    const handler = methods[method];
    return handler ? handler(body, state) : { ok: false, error: 'unknown_method' };
  }

  async function upload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const up = state.uploads.get(fileId);
    if (!up) return send(res, 404, 'upload url not found');
    const bytes = await uploadedBytes(raw, req.headers['content-type'] ?? '');
    if (bytes.length !== up.length) return send(res, 400, `expected ${up.length} bytes, got ${bytes.length}`);
    up.bytes = bytes;
    send(res, 200, `OK - ${bytes.length}`);
  }

  async function responseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
    responses.push({ seq: ++seq, at: performance.now(), id, body });
    const problems = body.blocks === undefined ? [] : blockProblems(body.blocks, 50);
    if (problems.length) return send(res, 400, 'invalid_blocks');
    send(res, 200, 'ok');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = url.pathname.match(/^\/api\/([\w.]+)$/)
      ? 'api'
      : url.pathname.match(/^\/upload\/v1\/(\w+)$/)
        ? 'upload'
        : url.pathname.match(/^\/respond\/([\w-]+)$/)
          ? 'respond'
          : '';
    const arg = url.pathname.split('/').at(-1) ?? '';
    const work =
      req.method !== 'POST'
        ? Promise.resolve(send(res, 405, 'method not allowed'))
        : route === 'api'
          ? api(arg, req, res)
          : route === 'upload'
            ? upload(arg, req, res)
            : route === 'respond'
              ? responseUrl(arg, req, res)
              : Promise.resolve(send(res, 404, 'not found'));
    work.catch((err: unknown) => send(res, 500, String(err)));
  });
  server.on('upgrade', (req, socket) => {
    if (req.url?.startsWith('/link')) socketMode.upgrade(req, socket);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.origin = origin;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    token,
    appToken,
    socketMode,
    calls,
    responses,
    uploads: state.uploads,
    faults,
    addUser: (u) => {
      state.users.set(u.id, u);
    },
    addUserGroup: (teamId, id, users) => {
      state.userGroups.push({ id, teamId, users });
    },
    responseUrl: (id) => `${origin}/respond/${id}`,
    callsTo: (method) => calls.filter((c) => c.method === method),
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    installs: oauth.installs,
    authorizeInstall: (r) => authorizeInstall(oauth, r),
    addChannel: (teamId, channelId) => {
      oauth.channels.set(channelId, teamId);
    },
    revokeInstall(id) {
      for (const i of oauth.installs.values()) if (i.teamId === id || i.enterpriseId === id) i.revoked = true;
    },
    async waitFor(find, timeoutMs = 5000) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (performance.now() > until) throw new Error('fake Slack: timed out waiting for the expected call');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      faults.clear();
      socketMode.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
