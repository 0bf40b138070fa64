// Block action listeners: Pulse's own ids (`p1:…`) go to the shared dispatcher; link buttons (`link:…`) open a
// URL in the browser and only need their click acknowledged.
import type { App } from '@slack/bolt';
import { LINK_ACTION_PREFIX } from '../../render/actions.ts';
import type { SlackEnv } from '../env.ts';
import { pulseAction } from './pulse-action.ts';

export function registerActions(app: App, env: SlackEnv): void {
  app.action({ type: 'block_actions', action_id: /^p1:/ }, pulseAction(env));
  app.action({ type: 'block_actions', action_id: new RegExp(`^${LINK_ACTION_PREFIX}`) }, async ({ ack }) => {
    await ack();
  });
}
