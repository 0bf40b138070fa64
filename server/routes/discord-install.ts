// GET /discord/install and GET /discord/install/callback: adding Pulse to a Discord server from the link page.
// /discord/install?grant=<install grant> redirects to Discord's authorize page with the grant as `state` (a plain
// invite when DISCORD_CLIENT_SECRET is unset: nothing can be bound then). The callback redeems the grant once
// (forged, expired or reused: 400, and the code is not exchanged), exchanges the code for the token answer and
// binds the server that answer names — never the redirect's `guild_id`, which is only a hint. 404 when
// DISCORD_APP_ID is unset. `pulse register-commands` stays the operator's way to register the commands.
import type { FastifyPluginAsync } from 'fastify';
import {
  DISCORD_INSTALL_CALLBACK_PATH,
  DiscordInstallError,
  discordInstallUrl,
  discordInviteUrl,
  exchangeInstallCode,
} from '../../bot/discord/install.ts';
import { bindWithGrant, redeemGrant } from '../../core/installations/index.ts';
import { queueFirstSyncOf } from '../link/first-sync.ts';
import type { SharedDeps } from '../bot-deps.ts';
import { installPage, installPageHeaders, unlinkedSentence } from './install-page.ts';

/** Longest grant / code accepted (ours are ~200 characters, Discord's codes ~30). */
const MAX_PARAM = 600;

const installQuery = { type: 'object', properties: { grant: { type: 'string', maxLength: MAX_PARAM } } } as const;
const callbackQuery = {
  type: 'object',
  properties: {
    code: { type: 'string', maxLength: MAX_PARAM },
    state: { type: 'string', maxLength: MAX_PARAM },
    error: { type: 'string', maxLength: 200 },
    guild_id: { type: 'string', maxLength: 40 },
    permissions: { type: 'string', maxLength: 40 },
  },
} as const;

interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  guild_id?: string;
}

export const discordInstallRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async (app, { shared }) => {
  const config = shared.config;
  if (!config.DISCORD_APP_ID) {
    const off = { error: 'Discord installs are not configured (DISCORD_APP_ID)', statusCode: 404 };
    app.get('/discord/install', async (_req, reply) => reply.status(404).send(off));
    app.get(DISCORD_INSTALL_CALLBACK_PATH, async (_req, reply) => reply.status(404).send(off));
    return;
  }

  app.get<{ Querystring: { grant?: string } }>(
    '/discord/install',
    { schema: { querystring: installQuery } },
    async (req, reply) => {
      const grant = req.query.grant;
      const url = config.DISCORD_CLIENT_SECRET && grant ? discordInstallUrl(config, grant) : discordInviteUrl(config);
      reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      return reply.redirect(url!, 302);
    },
  );

  const page = (status: number, heading: string, sentences: string[]) => ({
    status,
    body: installPage(heading, sentences),
  });

  app.get<{ Querystring: CallbackQuery }>(
    DISCORD_INSTALL_CALLBACK_PATH,
    { schema: { querystring: callbackQuery } },
    async (req, reply) => {
      const { code, state, error } = req.query;
      const result = await (async () => {
        if (error)
          return page(400, 'Pulse was not added', [
            'Discord did not add Pulse (the request was cancelled). Start again from your Pulse setup page.',
          ]);
        if (!config.DISCORD_CLIENT_SECRET)
          return page(404, 'Discord installs are not configured', ['This Pulse server has no DISCORD_CLIENT_SECRET.']);
        if (!code || !state)
          return page(400, 'Pulse was not added', [
            'This address is missing what Discord sends back. Start again from your Pulse setup page.',
          ]);
        const grant = await redeemGrant(shared.db, config.PULSE_SECRET, state, shared.now());
        if (!grant) {
          req.log.warn(
            { hintedGuild: req.query.guild_id },
            'discord install refused: install grant forged, expired or used',
          );
          return page(400, 'Pulse was not added', [
            'This install link was already used or has expired. Start again from your Pulse setup page.',
          ]);
        }
        let guild: { guildId: string; guildName: string | null };
        try {
          guild = await exchangeInstallCode(config, code);
        } catch (err) {
          const why = err instanceof DiscordInstallError ? err.code : 'network';
          req.log.warn(
            { code: why, err: err instanceof Error ? err.message : String(err) },
            'discord install code not exchanged',
          );
          return page(why === 'network' ? 502 : 400, 'Pulse was not added', [
            'Discord did not confirm the install. Start again from your Pulse setup page.',
          ]);
        }
        const binding = await bindWithGrant(shared.db, grant, { platform: 'discord', externalId: guild.guildId });
        req.log.info(
          {
            guildId: guild.guildId,
            hintedGuild: req.query.guild_id,
            linked: binding.linked,
            ...(binding.linked ? { companyId: binding.companyId } : { reason: binding.reason }),
          },
          'discord server installed',
        );
        if (binding.linked) await queueFirstSyncOf(shared, binding.companyId, req.log);
        const where = guild.guildName ?? 'your server';
        return binding.linked
          ? page(200, 'Pulse is in Discord', [
              `Pulse is in ${where} and answers for ${binding.companyName}. Try /help there.`,
            ])
          : page(200, 'Pulse is installed', [`Pulse is in ${where}.`, unlinkedSentence('server', binding.reason)]);
      })();
      return reply.status(result.status).headers(installPageHeaders).send(result.body);
    },
  );
};
