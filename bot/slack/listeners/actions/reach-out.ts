// "Reach out" on a churn row in Slack: the click opens the message form (views.open with the click's trigger
// id, which Slack accepts for 3 seconds) once the shared code has checked the clicker and found the member in
// this team's company; otherwise its answer (a refusal, "not available here", a recent message) is shown.
import type { WebClient } from '@slack/web-api';
import type { Answer } from '../../../answer.ts';
import { openReachOut, reachOf } from '../../../interactions/actions/reach-out.ts';
import type { ChatRequest } from '../../../requests.ts';
import { reachModalView } from '../../reach-modal.ts';
import type { SlackEnv } from '../env.ts';

/** True when the click was a "Reach out" (handled here); false leaves it to the dispatcher. */
export async function reachOutClick(
  env: SlackEnv,
  client: WebClient,
  triggerId: string,
  req: ChatRequest,
  actionId: string,
  show: (a: Answer) => Promise<unknown>,
): Promise<boolean> {
  const reach = reachOf(actionId);
  if (!reach) return false;
  const opened = await openReachOut(env.deps, req, reach.predictionId, reach.confirmed, `slack:${triggerId}`);
  if (opened.kind === 'form')
    await client.views.open({ trigger_id: triggerId, view: reachModalView(opened.form, req.channelId) });
  else await show(opened.answer);
  return true;
}
