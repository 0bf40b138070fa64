// "Add to Discord" with a bound server: the authorize URL the link page offers (bot + applications.commands, the
// permissions Pulse uses, a code grant back to PUBLIC_URL/discord/install/callback, the install grant as `state`),
// and the code exchange at DISCORD_API_BASE_URL/oauth2/token. The server Pulse was added to is the one the token
// response names (`guild.id`); the redirect's `guild_id` parameter is only a hint anyone can edit, never used.
import { PermissionFlagsBits } from 'discord.js';
import { z } from 'zod';
import type { Config } from '../../core/config.ts';
import { restApiBase } from './rest.ts';

export const DISCORD_INSTALL_CALLBACK_PATH = '/discord/install/callback';

/**
 * What the bot does in a server: read the channels it posts to (View Channel), post digests and alerts (Send
 * Messages) as embeds (Embed Links) with chart PNGs (Attach Files) = 1024 + 2048 + 16384 + 32768 = 52224.
 */
export const DISCORD_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

/** The site origin of the authorize page: Discord's, or the origin of DISCORD_API_BASE_URL (a fake in tests). */
function discordOrigin(apiBase: string | undefined): string {
  return apiBase ? new URL(apiBase).origin : 'https://discord.com';
}

export function discordInstallRedirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${DISCORD_INSTALL_CALLBACK_PATH}`;
}

type InstallConfig = Pick<Config, 'DISCORD_APP_ID' | 'DISCORD_API_BASE_URL' | 'PUBLIC_URL'>;

function authorizeUrl(config: InstallConfig & { DISCORD_APP_ID: string }, extra: Record<string, string>): string {
  const url = new URL('/oauth2/authorize', discordOrigin(config.DISCORD_API_BASE_URL));
  url.search = new URLSearchParams({
    client_id: config.DISCORD_APP_ID,
    scope: 'bot applications.commands',
    permissions: DISCORD_BOT_PERMISSIONS.toString(),
    integration_type: '0',
    ...extra,
  }).toString();
  return url.toString();
}

/** The "Add to Discord" URL carrying `grant` (core/linking install grant); null when DISCORD_APP_ID is unset. */
export function discordInstallUrl(config: InstallConfig, grant: string): string | null {
  if (!config.DISCORD_APP_ID) return null;
  return authorizeUrl(
    { ...config, DISCORD_APP_ID: config.DISCORD_APP_ID },
    {
      response_type: 'code',
      redirect_uri: discordInstallRedirectUri(config.PUBLIC_URL),
      state: grant,
    },
  );
}

/** A plain invite (no code comes back, so no server is bound: `/pulse setup` links it), for installs without DISCORD_CLIENT_SECRET. */
export function discordInviteUrl(config: InstallConfig): string | null {
  return config.DISCORD_APP_ID ? authorizeUrl({ ...config, DISCORD_APP_ID: config.DISCORD_APP_ID }, {}) : null;
}

const tokenResponse = z.object({
  access_token: z.string(),
  scope: z.string(),
  guild: z.object({ id: z.string().regex(/^\d{5,25}$/), name: z.string().max(200).optional() }),
});

export class DiscordInstallError extends Error {
  /** Discord's OAuth error (`invalid_grant`, …) or `bad_response`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DiscordInstallError';
    this.code = code;
  }
}

/**
 * Exchanges the callback's code (client id + DISCORD_CLIENT_SECRET, HTTP Basic) for the server it installed Pulse
 * in. The user's access token in the answer is not kept: Pulse acts with its bot token.
 */
export async function exchangeInstallCode(
  config: InstallConfig & Pick<Config, 'DISCORD_CLIENT_SECRET'>,
  code: string,
): Promise<{ guildId: string; guildName: string | null }> {
  if (!config.DISCORD_APP_ID || !config.DISCORD_CLIENT_SECRET)
    throw new DiscordInstallError('not_configured', 'DISCORD_APP_ID and DISCORD_CLIENT_SECRET are needed');
  const base = restApiBase(config.DISCORD_API_BASE_URL) ?? 'https://discord.com/api';
  const res = await fetch(`${base}/v10/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${config.DISCORD_APP_ID}:${config.DISCORD_CLIENT_SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: discordInstallRedirectUri(config.PUBLIC_URL),
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error =
      typeof body === 'object' && body && 'error' in body && typeof body.error === 'string'
        ? body.error.slice(0, 64)
        : `http_${res.status}`;
    throw new DiscordInstallError(error, `Discord refused the install code (${error})`);
  }
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success)
    throw new DiscordInstallError(
      'bad_response',
      "Discord's token answer named no server (was the bot scope granted?)",
    );
  return { guildId: parsed.data.guild.id, guildName: parsed.data.guild.name ?? null };
}
