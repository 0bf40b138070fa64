// A fake Discord REST API (v10) on a real loopback port (node:http) for discord.js REST to talk to:
// interaction callbacks, the interaction webhook (@original edits, follow-ups), channel messages (posts, and edits
// of the bot's own posts), bulk command registration and gateway info, and the bot's servers and installs (guilds.ts: GET /users/@me/guilds,
// GET /guilds/{id}, the OAuth code exchange), direct messages (dms.ts), and the WebSocket gateway GET /gateway/bot points to (gateway.ts, same
// port). Bot-token auth where Discord wants it; every request is recorded
// (method, path, headers, JSON body or multipart payload_json, files with their bytes); fault switches.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeDiscordFaults } from './faults.ts';
import { FakeDiscordGateway } from './gateway.ts';
import { authorizeInstall, guildRoutes, newGuildState, refusedPost } from './guilds.ts';
import { dmRoutes, newDmState, recordDm, refusedDm, type DmState } from './dms.ts';
import { readBody, sendError, sendJson, snowflake, type RecordedRequest } from './wire.ts';

export interface FakeDiscord {
  /** For discord.js REST's `api` option and DISCORD_API_BASE_URL: http://127.0.0.1:PORT/api */
  api: string;
  appId: string;
  requests: RecordedRequest[];
  faults: FakeDiscordFaults;
  /** The WebSocket gateway GET /gateway/bot points to (same port). */
  gateway: FakeDiscordGateway;
  /** The app's OAuth client secret (POST /oauth2/token checks it). */
  clientSecret: string;
  /** The bot joins a server (it then lists in GET /users/@me/guilds). */
  addGuild(id: string, name?: string): void;
  /** The bot is kicked from a server (or it is deleted): gone from the list, 10004 on /guilds/{id}, 50001 on its channels. */
  removeGuild(id: string): void;
  /** Direct messages: DM channels, users refusing DMs (50007) and what was delivered (dms.ts). */
  dms: DmState;
  /** Declares which server a channel belongs to. */
  addChannel(guildId: string, channelId: string): void;
  /** The person pressed Authorize on "Add to Discord" for a server: a one-time code for the redirect. */
  authorizeInstall(r: { guildId: string; guildName?: string; redirectUri: string }): string;
  /** Resolves with the first recorded request (already or later) matching `match`. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

type Handler = (r: RecordedRequest, params: string[], res: ServerResponse) => void;

export async function startFakeDiscord(opts: {
  token: string;
  appId: string;
  clientSecret?: string;
}): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  const faults = new FakeDiscordFaults();
  const guilds = newGuildState(opts.clientSecret ?? 'fake-discord-client-secret');
  const dms = newDmState();
  const bot = { id: opts.appId, username: 'Pulse', bot: true, discriminator: '0000', avatar: null, global_name: null };
  const gateway = new FakeDiscordGateway(bot);
  let gatewayUrl = '';

  const message = (channelId: string, r: RecordedRequest) => ({
    id: snowflake(),
    channel_id: channelId,
    author: bot,
    type: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null as string | null,
    content: r.json?.content ?? '',
    embeds: r.json?.embeds ?? [],
    components: r.json?.components ?? [],
    flags: r.json?.flags ?? 0,
    attachments: r.files.map((f, i) => ({
      id: snowflake(),
      filename: f.filename,
      size: f.bytes.length,
      content_type: f.contentType,
      url: `https://cdn.fake/${i}/${f.filename}`,
    })),
    mentions: [],
    mention_roles: [],
    pinned: false,
    tts: false,
    mention_everyone: false,
  });
  const webhookApp = (appId: string, res: ServerResponse) => {
    if (appId === opts.appId) return true;
    sendError(res, 404, 'Unknown Webhook', 10015);
    return false;
  };

  const nonces = new Map<string, unknown>();
  /** Channel messages the bot posted, by channel and id: only those can be edited. */
  const posted = new Map<string, Record<string, unknown>>();
  const routes: [string, RegExp, boolean, Handler][] = [
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      false,
      (r, _p, res) => {
        if (r.query.get('with_response') === 'true')
          sendJson(res, 200, { interaction: { id: _p[0], type: 2 }, resource: { type: r.json?.type } });
        else sendJson(res, 204, null);
      },
    ],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      false,
      (r, p, res) => {
        if (webhookApp(p[0]!, res)) sendJson(res, 200, message('0', r));
      },
    ],
    [
      'DELETE',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      false,
      (_r, p, res) => {
        if (webhookApp(p[0]!, res)) sendJson(res, 204, null);
      },
    ],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      false,
      (r, p, res) => {
        if (webhookApp(p[0]!, res)) sendJson(res, 200, message('0', r));
      },
    ],
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      true,
      (r, p, res) => {
        const channel = p[0]!;
        if (faults.unknownChannels.has(channel)) return sendError(res, 404, 'Unknown Channel', 10003);
        if (faults.forbiddenChannels.has(channel)) return sendError(res, 403, 'Missing Access', 50001);
        if (refusedPost(guilds, channel, res) || refusedDm(dms, channel, res)) return;
        // enforce_nonce: the same author's message with the same nonce (within a few minutes) is returned, not created again.
        const nonce =
          r.json?.enforce_nonce === true && r.json?.nonce != null ? `${channel}:${String(r.json.nonce)}` : null;
        const earlier = nonce ? nonces.get(nonce) : undefined;
        if (earlier) return sendJson(res, 200, earlier);
        const created = message(channel, r);
        if (nonce) nonces.set(nonce, created);
        posted.set(`${channel}/${created.id}`, created);
        recordDm(dms, channel, created, r.json?.allowed_mentions);
        sendJson(res, 200, created);
      },
    ],
    [
      'PATCH',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      true,
      (r, p, res) => {
        const key = `${p[0]}/${p[1]}`;
        const earlier = posted.get(key);
        if (!earlier) return sendError(res, 404, 'Unknown Message', 10008);
        const edited = {
          ...earlier,
          edited_timestamp: new Date().toISOString(),
          ...(r.json?.embeds !== undefined ? { embeds: r.json.embeds } : {}),
          ...(r.json?.components !== undefined ? { components: r.json.components } : {}),
          ...(r.json?.content !== undefined ? { content: r.json.content } : {}),
        };
        posted.set(key, edited);
        sendJson(res, 200, edited);
      },
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/,
      true,
      (r, p, res) => {
        if (p[0] !== opts.appId) return sendError(res, 403, 'Missing Access', 50001);
        const list = Array.isArray(r.json) ? r.json : [];
        sendJson(
          res,
          200,
          list.map((c: Record<string, unknown>) => ({
            ...c,
            id: snowflake(),
            application_id: opts.appId,
            version: snowflake(),
            ...(p[1] ? { guild_id: p[1] } : {}),
          })),
        );
      },
    ],
    [
      'GET',
      /^\/gateway\/bot$/,
      true,
      (_r, _p, res) =>
        sendJson(res, 200, {
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
    ],
    ...guildRoutes(guilds, opts.appId),
    ...dmRoutes(dms),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const body = await readBody(req);
    const r: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      ...body,
      status: 0,
      at: performance.now(),
    };
    const originalWriteHead = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      r.status = status;
      return (originalWriteHead as (...a: unknown[]) => ServerResponse)(status, ...rest);
    }) as typeof res.writeHead;
    requests.push(r);
    res.on('finish', () => {
      for (const w of [...waiters])
        if (w.match(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
    });
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const route = routes.find(([method, pattern]) => method === r.method && pattern.test(path));
    if (!route) return sendError(res, 404, '404: Not Found');
    const [, pattern, needsBot, handler] = route;
    if (needsBot && req.headers.authorization !== `Bot ${opts.token}`) return sendError(res, 401, '401: Unauthorized');
    if (faults.apply(path, res)) return;
    handler(r, pattern.exec(path)!.slice(1), res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      sendError(res, 400, `fake discord: ${err instanceof Error ? err.message : String(err)}`, 50035),
    );
  });
  server.on('upgrade', (req, socket) => gateway.upgrade(req, socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  return {
    api: `http://127.0.0.1:${port}/api`,
    appId: opts.appId,
    requests,
    faults,
    gateway,
    clientSecret: guilds.clientSecret,
    dms,
    addGuild: (id, name) => {
      guilds.guilds.set(id, name ?? `Server ${id.slice(-4)}`);
      guilds.removed.delete(id);
    },
    removeGuild: (id) => {
      guilds.guilds.delete(id);
      guilds.removed.add(id);
    },
    addChannel: (guildId, channelId) => {
      guilds.channels.set(channelId, guildId);
    },
    authorizeInstall: (r) => authorizeInstall(guilds, r),
    waitFor(match, timeoutMs = 10_000) {
      const found = requests.find((r) => r.status !== 0 && match(r));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('fake discord: no matching request in time'));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        gateway.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
