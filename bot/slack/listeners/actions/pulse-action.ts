// A click on one of Pulse's buttons or selects (action ids `p1:…`, made by bot/parts/action-ids.ts): ack,
// then let the shared dispatcher check the clicker and that the referenced row belongs to this team's company,
// and show its answer — replacing the message the button sat on ('update') or as a new reply. A replacement never
// widens visibility: member-level rows never replace a message the whole channel sees.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../../../answer.ts';
import { SETUP_KEY_ACTION } from '../../../parts/action-ids.ts';
import { runAction } from '../../../interactions/dispatch.ts';
import type { ChatRequest } from '../../../requests.ts';
import { refusalAnswer } from '../../../interactions/errors.ts';
import { publishHome } from '../../home.ts';
import { sendAnswer, type ReplyTarget } from '../../reply.ts';
import { setupModal } from '../../setup-modal.ts';
import { guarded, requestIdOf, type SlackEnv } from '../env.ts';
import { reachOutClick } from './reach-out.ts';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

function valuesOf(action: BlockAction['actions'][number]): string[] | undefined {
  if (action.type === 'static_select') return action.selected_option ? [action.selected_option.value] : undefined;
  if (action.type === 'button' && action.value) return [action.value];
  return undefined;
}

export function pulseAction(env: SlackEnv) {
  return async ({ ack, body, action, respond, client, context }: ActionArgs): Promise<void> => {
    const requestId = requestIdOf(context);
    await ack();
    const teamId = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? body.container?.channel_id ?? null;
    const target: ReplyTarget = {
      client,
      channelId,
      userId: body.user.id,
      log: env.log,
      ...(body.response_url ? { respond } : {}),
    };
    if (!teamId) return;
    await guarded(
      env,
      { listener: 'action', teamId, userId: body.user.id, requestId },
      async () => {
        const actor = await env.actors.actorFor(client, teamId, body.user.id);
        const req: ChatRequest = { platform: 'slack', workspaceId: teamId, actor, channelId, requestId };
        if (action.action_id === SETUP_KEY_ACTION) {
          if (!actor.isAdmin) return sendAnswer(target, refusalAnswer('admin'));
          await client.views.open({ trigger_id: body.trigger_id, view: setupModal(channelId) });
          return;
        }
        if (await reachOutClick(env, client, body.trigger_id, req, action.action_id, (a) => sendAnswer(target, a)))
          return;
        const values = valuesOf(action);
        const { answer, mode } = await runAction(env.deps, {
          ...req,
          actionId: action.action_id,
          ...(values ? { values } : {}),
        });
        if (body.view?.type === 'home') return publishHome(client, env.deps, req, answer);
        const onEphemeral = body.container?.is_ephemeral === true;
        const replace = mode === 'update' && (onEphemeral || answer.visibility === 'public');
        const shown: Answer = replace && onEphemeral ? { ...answer, visibility: 'ephemeral' } : answer;
        await sendAnswer(target, shown, { replaceOriginal: replace });
      },
      (sorry) => sendAnswer(target, sorry),
    );
  };
}
