// `app_home_opened` (Bolt acks events before listeners run): publish a fresh Home tab for the person who opened
// it, with their company's numbers and alerts as they are allowed to see them.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home.ts';
import { guarded, requestIdOf, type SlackEnv } from '../env.ts';

export function appHomeOpened(env: SlackEnv) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    const requestId = requestIdOf(context);
    if (event.tab !== 'home') return;
    const teamId = body.team_id;
    await guarded(env, { listener: 'app_home_opened', teamId, userId: event.user, requestId }, async () => {
      const actor = await env.actors.actorFor(client, teamId, event.user);
      await publishHome(client, env.deps, {
        platform: 'slack',
        workspaceId: teamId,
        actor,
        channelId: null,
        requestId,
      });
    });
  };
}
