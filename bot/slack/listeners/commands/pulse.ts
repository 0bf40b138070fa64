// `/pulse <command> [options]`: ack at once (an empty 200, so Slack shows nothing yet), then parse the text by
// the shared command definitions, find out who asked, run the platform-neutral handler and send its answer
// through the response_url: ephemeral or in the channel as the dispatcher decided, charts after public ones.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../../interactions/dispatch.ts';
import { commands } from '../../../commands/index.ts';
import { parseSlashText } from '../../parse-command.ts';
import { sendAnswer, type ReplyTarget } from '../../reply.ts';
import { guarded, requestIdOf, type SlackEnv } from '../env.ts';

export function pulseCommand(env: SlackEnv) {
  return async ({
    command,
    ack,
    respond,
    client,
    context,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const requestId = requestIdOf(context);
    await ack();
    const target: ReplyTarget = {
      client,
      respond,
      channelId: command.channel_id || null,
      userId: command.user_id,
      log: env.log,
    };
    await guarded(
      env,
      { listener: 'command', teamId: command.team_id, userId: command.user_id, requestId },
      async () => {
        const parsed = parseSlashText(commands, command.text ?? '');
        if (!parsed.ok) return sendAnswer(target, parsed.answer);
        const actor = await env.actors.actorFor(client, command.team_id, command.user_id);
        const answer = await runCommand(env.deps, {
          platform: 'slack',
          workspaceId: command.team_id,
          actor,
          channelId: target.channelId,
          name: parsed.name,
          options: parsed.options,
          requestId,
        });
        await sendAnswer(target, answer);
      },
      (sorry) => sendAnswer(target, sorry),
    );
  };
}
