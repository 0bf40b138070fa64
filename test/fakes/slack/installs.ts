// The fake Slack's OAuth v2 side: the app's client id and secret, the codes Slack hands the installer's browser
// after "Allow" (`authorizeInstall`), `oauth.v2.access` exchanging one (once, with the redirect URI it was issued
// for) for a bot token of that workspace, and what each token may touch — a workspace's token sees only its own
// channels and people (`channel_not_found`, `user_not_found` elsewhere, like Slack), and a revoked one nothing.
import type { SlackBody } from './faults.ts';

export interface FakeInstall {
  token: string;
  teamId: string;
  teamName: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
  scopes: string[];
  installerId: string;
  revoked: boolean;
}

export interface PendingCode {
  install: Omit<FakeInstall, 'token' | 'revoked'>;
  redirectUri?: string;
  used: boolean;
}

export interface OAuthState {
  clientId: string;
  clientSecret: string;
  codes: Map<string, PendingCode>;
  /** Bot token → installation. */
  installs: Map<string, FakeInstall>;
  /** Channel id → the team it belongs to (channels the tests declare). */
  channels: Map<string, string>;
  seq: number;
}

export const newOAuthState = (clientId: string, clientSecret: string): OAuthState => ({
  clientId,
  clientSecret,
  codes: new Map(),
  installs: new Map(),
  channels: new Map(),
  seq: 0,
});

export interface InstallRequest {
  teamId: string;
  teamName?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  installerId?: string;
  scopes?: string[];
  /** The redirect_uri of the authorize URL (checked again at the exchange). */
  redirectUri?: string;
}

/** What Slack does when the installer presses Allow: a one-time code for the redirect. */
export function authorizeInstall(s: OAuthState, r: InstallRequest): string {
  const n = ++s.seq;
  const code = `code-${n}-${r.teamId}`;
  s.codes.set(code, {
    install: {
      teamId: r.teamId,
      teamName: r.teamName ?? `Team ${r.teamId}`,
      ...(r.enterpriseId ? { enterpriseId: r.enterpriseId } : {}),
      isEnterpriseInstall: r.isEnterpriseInstall ?? false,
      botUserId: `UBOT${r.teamId}`,
      botId: `BBOT${r.teamId}`,
      scopes: r.scopes ?? ['commands', 'chat:write', 'files:write', 'users:read', 'usergroups:read'],
      installerId: r.installerId ?? `UINST${n}`,
    },
    ...(r.redirectUri ? { redirectUri: r.redirectUri } : {}),
    used: false,
  });
  return code;
}

/** oauth.v2.access: client credentials from HTTP Basic or the body, the code once. */
export function oauthV2Access(s: OAuthState, body: SlackBody, basic: string | undefined): Record<string, unknown> {
  const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
  const clientId = body.client_id ?? basicId;
  const clientSecret = body.client_secret ?? basicSecret;
  if (clientId !== s.clientId || clientSecret !== s.clientSecret) return { ok: false, error: 'invalid_client_id' };
  const pending = body.code ? s.codes.get(body.code) : undefined;
  if (!pending || pending.used) return { ok: false, error: 'invalid_code' };
  if (pending.redirectUri && body.redirect_uri !== pending.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
  pending.used = true;
  const i = pending.install;
  const token = `xoxb-${i.teamId}-${++s.seq}-fake`;
  s.installs.set(token, { ...i, token, revoked: false });
  return {
    ok: true,
    app_id: 'APULSE',
    authed_user: { id: i.installerId },
    scope: i.scopes.join(','),
    token_type: 'bot',
    access_token: token,
    bot_user_id: i.botUserId,
    team: i.isEnterpriseInstall ? null : { id: i.teamId, name: i.teamName },
    enterprise: i.enterpriseId ? { id: i.enterpriseId, name: `Org ${i.enterpriseId}` } : null,
    is_enterprise_install: i.isEnterpriseInstall,
  };
}

/**
 * Why a call of an installed workspace's token is refused, if it is: a channel or person of another team is
 * unknown to it. `team` is the team owning a user (the fake's user directory).
 */
export function outOfScope(
  s: OAuthState,
  caller: FakeInstall,
  method: string,
  body: SlackBody,
  userTeam: (id: string) => string | undefined,
): string | undefined {
  const channel = body.channel ?? body.channel_id;
  // A channel id, or a user id for the person's messages tab with the app.
  const owner = channel ? (s.channels.get(channel) ?? userTeam(channel)) : undefined;
  if (owner && owner !== caller.teamId) return 'channel_not_found';
  const user = method === 'usergroups.list' ? undefined : (body.user ?? body.user_id);
  const team = user ? userTeam(user) : undefined;
  if (team && team !== caller.teamId) return 'user_not_found';
  return undefined;
}
