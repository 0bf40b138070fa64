// `app_uninstalled` (sent once every token of the workspace is revoked) and `tokens_revoked` naming the bot:
// Pulse can no longer speak there, so its installation is deleted and the workspace unlinked (oauth/uninstall.ts).
// Bolt skips authorize for both events (the token is already gone) and acks before listeners run. A
// tokens_revoked listing only user tokens changes nothing: Pulse asks for none.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { forgetSlackWorkspace } from '../../oauth/uninstall.ts';
import { guarded, requestIdOf, type SlackEnv } from '../env.ts';

type Where = { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean };

function remove(env: SlackEnv, listener: string, context: Where & Record<string, unknown>): Promise<void> {
  const where = {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
  return guarded(
    env,
    { listener, ...(where.teamId ? { teamId: where.teamId } : {}), requestId: requestIdOf(context) },
    async () => {
      const removed = await forgetSlackWorkspace(env.deps.db, where);
      env.log.info(
        {
          event: listener,
          teamId: where.teamId,
          enterpriseId: where.enterpriseId,
          installationDeleted: removed.installationDeleted,
          unlinkedCompany: removed.unlinked?.companyId,
        },
        'slack workspace removed Pulse',
      );
    },
  );
}

export function appUninstalled(env: SlackEnv) {
  return async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs): Promise<void> =>
    remove(env, 'app_uninstalled', context);
}

export function tokensRevoked(env: SlackEnv) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(env, 'tokens_revoked', context);
  };
}
