// The "Reach out" form's submission: the modal turns into "Sending…" at once (the ack), the shared code sends
// the message (at most once for the click that opened the form) and the modal is updated with what happened:
// where it went, or why it could not go with the text to copy.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/web-api';
import type { Answer } from '../../../answer.ts';
import { submitReachOut } from '../../../interactions/actions/reach-out.ts';
import type { ChatRequest } from '../../../requests.ts';
import { renderAnswerBlocks } from '../../render/blocks.ts';
import { parseReachSubmission, REACH_CALLBACK_ID } from '../../reach-modal.ts';
import { guarded, requestIdOf, type SlackEnv } from '../env.ts';

const sending: ModalView = {
  type: 'modal',
  callback_id: `${REACH_CALLBACK_ID}_sending`,
  title: { type: 'plain_text', text: 'Reach out' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Sending…' } }],
};

function resultModal(a: Answer): ModalView {
  // Action buttons would post to a modal that is done: only the answer's text stays.
  const blocks = renderAnswerBlocks({ ...a, components: [] }, { maxBlocks: 45, blockIdPrefix: 'reach' });
  return {
    type: 'modal',
    callback_id: `${REACH_CALLBACK_ID}_done`,
    title: { type: 'plain_text', text: 'Reach out' },
    close: { type: 'plain_text', text: 'Done' },
    blocks,
  };
}

export function reachSubmission(env: SlackEnv) {
  return async ({
    ack,
    body,
    view,
    client,
    context,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const requestId = requestIdOf(context);
    const parsed = parseReachSubmission(view.private_metadata, view.state.values);
    if (!parsed)
      return ack({
        response_action: 'errors',
        errors: { reach_message: 'This form is no longer valid: press Reach out again.' },
      });
    if (!parsed.text.trim())
      return ack({ response_action: 'errors', errors: { reach_message: 'Write a message first.' } });
    await ack({ response_action: 'update', view: sending });
    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) return;
    const show = (a: Answer) => client.views.update({ view_id: view.id, view: resultModal(a) });
    await guarded(
      env,
      { listener: 'reach', teamId, userId: body.user.id, requestId },
      async () => {
        const actor = await env.actors.actorFor(client, teamId, body.user.id);
        const req: ChatRequest = {
          platform: 'slack',
          workspaceId: teamId,
          actor,
          channelId: parsed.channelId,
          requestId,
        };
        await show(await submitReachOut(env.deps, req, parsed));
      },
      show,
    );
  };
}
