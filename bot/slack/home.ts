// The App Home tab: the company's headline numbers (the `revenue` answer, through the shared dispatcher and its
// access rules) and the most urgent churn alerts (open critical and high risks, bot/parts/urgent-alerts.ts),
// published with views.publish each time the tab is opened. The tab is private to the person viewing it, so
// alerts naming members appear there for people with access; others see setup guidance or a polite refusal.
import type { HomeView, KnownBlock, WebClient } from '@slack/web-api';
import { accessLevel, findTenant, type Actor } from '../../core/tenancy/index.ts';
import { CompanyRemoved } from '../../core/lifecycle/company-state.ts';
import type { Answer } from '../answer.ts';
import { runCommand } from '../interactions/dispatch.ts';
import type { ChatRequest } from '../requests.ts';
import type { BotDeps } from '../deps.ts';
import { urgentListAnswer } from '../parts/urgent-alerts.ts';
import { renderAnswerBlocks } from './render/blocks.ts';

/** A home view holds 100 blocks: three parts of at most 30, dividers and the update line. */
const PART_BLOCKS = 30;
const divider: KnownBlock = { type: 'divider' };

export async function homeView(deps: BotDeps, req: ChatRequest, lead?: Answer): Promise<HomeView> {
  const blocks: KnownBlock[] = [];
  if (lead) blocks.push(...renderAnswerBlocks(lead, { maxBlocks: PART_BLOCKS, blockIdPrefix: 'lead' }), divider);
  // A company being removed has no alerts to show: the revenue part then says why Pulse stopped (errorAnswer).
  const tenant = await findTenant(deps.db, req.platform, req.workspaceId).catch((err: unknown) => {
    if (err instanceof CompanyRemoved) return null;
    throw err;
  });
  const allowed = tenant !== null && accessLevel(tenant.link, req.actor) !== 'none';
  const [numbers, alerts] = await Promise.all([
    runCommand(deps, { ...req, channelId: null, name: 'revenue', options: {} }),
    allowed ? urgentListAnswer(deps, tenant) : Promise.resolve(undefined),
  ]);
  blocks.push(...renderAnswerBlocks(numbers, { maxBlocks: PART_BLOCKS, blockIdPrefix: 'numbers' }));
  if (alerts) blocks.push(divider, ...renderAnswerBlocks(alerts, { maxBlocks: PART_BLOCKS, blockIdPrefix: 'alerts' }));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Updated ${deps.now().toISOString().slice(0, 16).replace('T', ' ')} UTC · refreshed each time you open this tab`,
      },
    ],
  });
  return { type: 'home', blocks };
}

export async function publishHome(
  client: WebClient,
  deps: BotDeps,
  req: ChatRequest & { actor: Actor },
  lead?: Answer,
): Promise<void> {
  await client.views.publish({ user_id: req.actor.userId, view: await homeView(deps, req, lead) });
}
