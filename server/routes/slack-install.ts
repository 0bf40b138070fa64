// GET /slack/install and GET /slack/oauth_redirect: Slack OAuth v2 distribution (bot/slack/oauth/installer.ts).
// The install starts from the link page's "Add to Slack" (`?grant=<install grant>`), which the state carries
// sealed server-side; the redirect back stores the installation, then binds the workspace to the grant's company
// (core/installations) — without a valid grant the workspace is installed but unlinked. A forged, reused or
// expired state, a missing cookie, or a cancelled install gets a 400 page and stores nothing. 404 when
// SLACK_CLIENT_ID / SLACK_CLIENT_SECRET are unset (a single-workspace install uses SLACK_BOT_TOKEN).
import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode, type Installation, type InstallURLOptions } from '@slack/oauth';
import { bindInstalledWorkspace, type InstallBinding } from '../../core/installations/index.ts';
import { createSlackInstaller, MAX_GRANT_LENGTH, slackInstallOptions } from '../../bot/slack/oauth/installer.ts';
import { SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH } from '../../bot/slack/oauth/scopes.ts';
import type { SharedDeps } from '../bot-deps.ts';
import { sendInstallPage, unlinkedSentence } from './install-page.ts';
import { queueFirstSyncOf } from '../link/first-sync.ts';

const refusedCodes = new Set<string>([
  ErrorCode.InvalidStateError,
  ErrorCode.MissingStateError,
  ErrorCode.MissingCodeError,
  ErrorCode.AuthorizationError,
]);

const installQuery = {
  type: 'object',
  properties: { grant: { type: 'string', maxLength: MAX_GRANT_LENGTH } },
} as const;

export const slackInstallRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async (app, { shared }) => {
  const {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_API_URL: apiUrl,
    PUBLIC_URL: publicUrl,
    PULSE_SECRET: secret,
  } = shared.config;
  if (!clientId || !clientSecret) {
    const off = { error: 'Slack installs are not configured (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET)', statusCode: 404 };
    app.get(SLACK_INSTALL_PATH, async (_req, reply) => reply.status(404).send(off));
    app.get(SLACK_REDIRECT_PATH, async (_req, reply) => reply.status(404).send(off));
    return;
  }
  const installer = createSlackInstaller({
    clientId,
    clientSecret,
    publicUrl,
    secret,
    db: shared.db,
    log: app.log,
    ...(apiUrl ? { apiUrl } : {}),
  });

  app.get<{ Querystring: { grant?: string } }>(
    SLACK_INSTALL_PATH,
    { schema: { querystring: installQuery } },
    async (req, reply) => {
      reply.hijack();
      try {
        await installer.handleInstallPath(
          req.raw,
          reply.raw,
          undefined,
          slackInstallOptions(publicUrl, req.query.grant),
        );
      } catch (err) {
        req.log.error({ err: err instanceof Error ? err.message : String(err) }, 'slack install could not start');
        sendInstallPage(reply.raw, 500, 'Pulse could not start the install', ['Please try again in a minute.']);
      }
    },
  );

  app.get(SLACK_REDIRECT_PATH, async (req, reply) => {
    reply.hijack();
    const linked = async (
      installation: Installation,
      options: InstallURLOptions,
    ): Promise<InstallBinding | { linked: false; reason: string }> => {
      if (installation.isEnterpriseInstall || !installation.team?.id) return { linked: false, reason: 'org-wide' };
      return bindInstalledWorkspace(shared.db, secret, {
        platform: 'slack',
        externalId: installation.team.id,
        grant: options.metadata,
        now: shared.now(),
      });
    };
    try {
      await installer.handleCallback(req.raw, reply.raw, {
        successAsync: async (installation, options, _req, res) => {
          // The installation is stored by now: a binding that fails leaves it installed but unlinked.
          const binding = await linked(installation as Installation, options).catch((err: unknown) => {
            req.log.error(
              { err: err instanceof Error ? err.message : String(err) },
              'slack workspace not linked after install',
            );
            return { linked: false as const, reason: 'error' };
          });
          const team = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
          req.log.info(
            {
              teamId: installation.team?.id,
              enterpriseId: installation.enterprise?.id,
              linked: binding.linked,
              ...(binding.linked ? { companyId: binding.companyId } : { reason: binding.reason }),
            },
            'slack workspace installed',
          );
          if (binding.linked) await queueFirstSyncOf(shared, binding.companyId, req.log);
          if (binding.linked)
            sendInstallPage(res, 200, 'Pulse is in Slack', [
              `Pulse is installed in ${team} and answers for ${binding.companyName}. Try /pulse help in any channel.`,
            ]);
          else
            sendInstallPage(res, 200, 'Pulse is installed', [
              `Pulse is installed in ${team}.`,
              unlinkedSentence('workspace', binding.reason),
            ]);
        },
        failureAsync: async (error, _options, _req, res) => {
          const refused = refusedCodes.has(error.code);
          req.log.warn({ code: error.code, err: error.message }, 'slack install not completed');
          sendInstallPage(res, refused ? 400 : 502, 'Pulse was not installed', [
            refused
              ? 'This install link was already used, expired, or was opened in another browser. Start again from your Pulse setup page.'
              : 'Slack did not complete the install. Please try again from your Pulse setup page.',
          ]);
        },
      });
    } catch (err) {
      req.log.error({ err: err instanceof Error ? err.message : String(err) }, 'slack install callback failed');
      sendInstallPage(reply.raw, 500, 'Pulse was not installed', ['Please try again from your Pulse setup page.']);
    }
  });
};
