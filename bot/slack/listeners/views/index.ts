// View submission listeners: the setup modal.
import type { App } from '@slack/bolt';
import { SETUP_CALLBACK_ID } from '../../setup-modal.ts';
import type { SlackEnv } from '../env.ts';
import { setupSubmission } from './setup-submission.ts';

export function registerViews(app: App, env: SlackEnv): void {
  app.view({ type: 'view_submission', callback_id: SETUP_CALLBACK_ID }, setupSubmission(env));
}
