// The fake Discord's servers and installs: which servers the bot is in (GET /users/@me/guilds, in id order,
// `after` and `limit` as Discord pages them; GET /guilds/{id}, 404 Unknown Guild 10004 once the bot is out),
// which server each declared channel belongs to (posting in a server the bot left: 403 Missing Access 50001),
// and the OAuth code grant of "Add to Discord": `authorizeInstall` is the person pressing Authorize on a server,
// POST /oauth2/token exchanges the code once (client id + secret, HTTP Basic or form fields, the same
// redirect_uri) and answers with the server in `guild` — adding the bot to it, as the code grant does.
import type { ServerResponse } from 'node:http';
import { sendError, sendJson, type RecordedRequest } from './wire.ts';

export interface GuildState {
  clientSecret: string;
  /** Servers the bot is in: id → name. */
  guilds: Map<string, string>;
  /** Servers the bot was removed from. */
  removed: Set<string>;
  /** Channel id → server id. */
  channels: Map<string, string>;
  codes: Map<string, { guildId: string; guildName: string; redirectUri: string; used: boolean }>;
  seq: number;
}

export const newGuildState = (clientSecret: string): GuildState => ({
  clientSecret,
  guilds: new Map(),
  removed: new Set(),
  channels: new Map(),
  codes: new Map(),
  seq: 0,
});

type Handler = (r: RecordedRequest, params: string[], res: ServerResponse) => void;
export type Route = [string, RegExp, boolean, Handler];

export function authorizeInstall(
  s: GuildState,
  r: { guildId: string; guildName?: string; redirectUri: string },
): string {
  const code = `dcode${++s.seq}x${r.guildId.slice(-6)}`;
  s.codes.set(code, {
    guildId: r.guildId,
    guildName: r.guildName ?? `Server ${r.guildId.slice(-4)}`,
    redirectUri: r.redirectUri,
    used: false,
  });
  return code;
}

/** A channel post refused because its server no longer has the bot (null: the post goes ahead). */
export function refusedPost(s: GuildState, channelId: string, res: ServerResponse): boolean {
  const guild = s.channels.get(channelId);
  if (!guild || !s.removed.has(guild)) return false;
  sendError(res, 403, 'Missing Access', 50001);
  return true;
}

export function guildRoutes(s: GuildState, appId: string): Route[] {
  return [
    [
      'POST',
      /^\/oauth2\/token$/,
      false,
      (r, _p, res) => {
        const auth = r.headers.authorization;
        const [id, secret] = auth?.startsWith('Basic ')
          ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')
          : [r.json?.client_id, r.json?.client_secret];
        if (id !== appId || secret !== s.clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
        const pending = s.codes.get(String(r.json?.code ?? ''));
        if (
          r.json?.grant_type !== 'authorization_code' ||
          !pending ||
          pending.used ||
          r.json?.redirect_uri !== pending.redirectUri
        ) {
          return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
        }
        pending.used = true;
        s.guilds.set(pending.guildId, pending.guildName);
        s.removed.delete(pending.guildId);
        sendJson(res, 200, {
          access_token: `user-access-${s.seq}`,
          token_type: 'Bearer',
          expires_in: 604800,
          refresh_token: `refresh-${s.seq}`,
          scope: 'bot applications.commands',
          guild: { id: pending.guildId, name: pending.guildName, owner_id: '600000000000000001', features: [] },
        });
      },
    ],
    [
      'GET',
      /^\/users\/@me\/guilds$/,
      true,
      (r, _p, res) => {
        const limit = Math.min(200, Math.max(1, Number(r.query.get('limit') ?? 200)));
        const after = BigInt(r.query.get('after') ?? '0');
        const page = [...s.guilds.keys()]
          .map(BigInt)
          .filter((id) => id > after)
          .sort((a, b) => (a < b ? -1 : 1))
          .slice(0, limit)
          .map((id) => ({
            id: id.toString(),
            name: s.guilds.get(id.toString()),
            icon: null,
            owner: false,
            permissions: '52224',
            features: [],
          }));
        sendJson(res, 200, page);
      },
    ],
    [
      'GET',
      /^\/guilds\/(\d+)$/,
      true,
      (_r, p, res) => {
        const name = s.guilds.get(p[0]!);
        if (name === undefined) return sendError(res, 404, 'Unknown Guild', 10004);
        sendJson(res, 200, { id: p[0], name, owner_id: '600000000000000001', features: [] });
      },
    ],
  ];
}
