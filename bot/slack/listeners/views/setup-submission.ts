// The setup modal's submission. Field errors go straight back in the ack (Slack shows them under the fields);
// otherwise the modal turns into "Checking your key with Whop…" at once (the ack), the key goes to
// submitSetupKey (verified with Whop, stored sealed, workspace linked — or, where Sign in with Whop is on, not
// used: the answer is a link page), the channels, time zone and hour to the `pulse setup` command, and the
// modal is updated with both answers. The key is never logged or echoed.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/web-api';
import type { Answer } from '../../../answer.ts';
import { runCommand, submitSetupKey } from '../../../interactions/dispatch.ts';
import type { ChatRequest } from '../../../requests.ts';
import type { OptionValue } from '../../../commands/types.ts';
import { renderAnswerBlocks } from '../../render/blocks.ts';
import { parseSetupSubmission, setupChannelOf, SETUP_CALLBACK_ID, type SetupSettings } from '../../setup-modal.ts';
import { guarded, requestIdOf, type SlackEnv } from '../env.ts';

/** The `pulse setup` options the modal's settings fill in. */
export function setupCommandOptions(s: SetupSettings): Record<string, OptionValue | undefined> {
  return {
    digest_channel: s.digestChannelId,
    alert_channel: s.alertChannelId,
    timezone: s.timeZone,
    digest_hour: s.digestHour,
  };
}

function linkRows(a: Answer): Answer['components'] {
  return a.components.map((row) => row.filter((c) => c.type === 'link')).filter((row) => row.length > 0);
}

function resultModal(answers: Answer[]): ModalView {
  const blocks: KnownBlock[] = answers.flatMap((a, i) => [
    ...(i > 0 ? [{ type: 'divider' } as KnownBlock] : []),
    // Only link buttons stay (a link page to open); action buttons would post to a modal that is done.
    ...renderAnswerBlocks({ ...a, components: linkRows(a) }, { maxBlocks: 45, blockIdPrefix: `answer-${i}` }),
  ]);
  return {
    type: 'modal',
    callback_id: `${SETUP_CALLBACK_ID}_done`,
    title: { type: 'plain_text', text: 'Set up Pulse' },
    close: { type: 'plain_text', text: 'Done' },
    blocks,
  };
}

const checking: ModalView = {
  type: 'modal',
  callback_id: `${SETUP_CALLBACK_ID}_checking`,
  title: { type: 'plain_text', text: 'Set up Pulse' },
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Checking your key with Whop…' } },
  ],
};

export function setupSubmission(env: SlackEnv) {
  return async ({
    ack,
    body,
    view,
    client,
    context,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const requestId = requestIdOf(context);
    const parsed = parseSetupSubmission(view.state.values);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    await ack({ response_action: 'update', view: checking });
    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) return;
    const show = (answers: Answer[]) => client.views.update({ view_id: view.id, view: resultModal(answers) });
    await guarded(
      env,
      { listener: 'setup', teamId, userId: body.user.id, requestId },
      async () => {
        const actor = await env.actors.actorFor(client, teamId, body.user.id);
        const req: ChatRequest = {
          platform: 'slack',
          workspaceId: teamId,
          actor,
          channelId: setupChannelOf(view.private_metadata),
          requestId,
        };
        const linked = await submitSetupKey(env.deps, {
          ...req,
          whopApiKey: parsed.whopApiKey,
          ...(parsed.whopCompanyId ? { whopCompanyId: parsed.whopCompanyId } : {}),
        });
        const answers = [linked];
        if (linked.tone === 'good' && Object.keys(parsed.settings).length > 0) {
          answers.push(
            await runCommand(env.deps, { ...req, name: 'pulse setup', options: setupCommandOptions(parsed.settings) }),
          );
        }
        await show(answers);
      },
      (sorry) => show([sorry]),
    );
  };
}
