// View submission listeners: the setup modal and the "Reach out" message form.
import type { App } from '@slack/bolt';
import { SETUP_CALLBACK_ID } from '../../setup-modal.ts';
import type { SlackEnv } from '../env.ts';
import { setupSubmission } from './setup-submission.ts';
import { REACH_CALLBACK_ID } from '../../reach-modal.ts';
import { reachSubmission } from './reach-submission.ts';

export function registerViews(app: App, env: SlackEnv): void {
  app.view({ type: 'view_submission', callback_id: SETUP_CALLBACK_ID }, setupSubmission(env));
  app.view({ type: 'view_submission', callback_id: REACH_CALLBACK_ID }, reachSubmission(env));
}
