// Routes a button or select click by its parsed action id, after resolving the tenant and checking the
// clicker's access again (a button may be pressed by anyone who sees the message).
import { accessLevel, findTenant } from '../../../core/tenancy/index.ts';
import { answer, data, type Answer } from '../../answer.ts';
import { parseActionId } from '../../parts/action-ids.ts';
import { churnAnswer } from '../../commands/churn.ts';
import type { ActionRequest } from '../../requests.ts';
import { engagementAnswer } from '../../commands/engagement.ts';
import { refusalAnswer } from '../errors.ts';
import { parsePeriodChoice } from '../../parts/periods.ts';
import { revenueAnswer } from '../../commands/revenue.ts';
import { setupGuidance } from '../../parts/setup-guidance.ts';
import { signInConfigured } from '../../../core/linking/whop-oauth.ts';
import { urgentListAnswer } from '../../parts/urgent-alerts.ts';
import type { BotDeps } from '../../deps.ts';
import { withVisibility } from '../visibility.ts';
import { churnRowAction } from './churn-row.ts';
import { rescueClick } from './rescue.ts';
import { churnBucketAnswer, churnWhoAnswer, parseRiskBucket } from './churn-who.ts';
import { revenueWhoAnswer } from './revenue-who.ts';
import { memberFigures, parseFigureName, type MemberFigure } from '../../../core/revenue/figure-names.ts';

type Click = { answer: Answer; mode: 'update' | 'reply' };

const whoUnknown = () =>
  answer({
    title: 'Not a choice',
    summary: 'That choice is no longer offered. Run the command again.',
    tone: 'warning',
    visibility: 'ephemeral',
  });

export async function runClick(deps: BotDeps, req: ActionRequest): Promise<Click> {
  const parsed = parseActionId(req.actionId);
  const tenant = await findTenant(deps.db, req.platform, req.workspaceId);
  if (parsed.kind === 'setup-key') {
    // The adapters open the Whop-key form on this id themselves; reaching here means they could not.
    if (!tenant)
      return { answer: setupGuidance(req.platform, req.actor.isAdmin, signInConfigured(deps.config)), mode: 'reply' };
    if (!req.actor.isAdmin) return { answer: refusalAnswer('admin'), mode: 'reply' };
    const linked = answer({
      title: 'Already linked',
      tone: 'info',
      visibility: 'ephemeral',
      summary: `This workspace answers for **${data(tenant.company.name)}**. The key form could not open here; run \`/pulse setup\` again to change settings.`,
    });
    return { answer: linked, mode: 'reply' };
  }
  if (!tenant)
    return { answer: setupGuidance(req.platform, req.actor.isAdmin, signInConfigured(deps.config)), mode: 'reply' };
  if (accessLevel(tenant.link, req.actor) === 'none') return { answer: refusalAnswer('granted'), mode: 'reply' };
  const shown = (a: Answer): Answer => withVisibility(a, tenant, req.channelId);
  switch (parsed.kind) {
    case 'churn':
      return {
        answer: await churnRowAction(deps, tenant, req.actor, parsed.action, parsed.predictionId),
        mode: 'reply',
      };
    case 'rescue':
      return rescueClick(deps, tenant, req.actor, parsed.action, parsed.rescueId);
    case 'period': {
      const choice = parsePeriodChoice(req.values?.[0]);
      const a =
        parsed.command === 'revenue'
          ? await revenueAnswer(deps, tenant, choice, parsed.by)
          : await engagementAnswer(deps, tenant, choice);
      return { answer: shown(a), mode: 'update' };
    }
    case 'page':
      return { answer: shown(await churnAnswer(deps, tenant, parsed.risk, parsed.page)), mode: 'update' };
    case 'reveal':
      return { answer: await urgentListAnswer(deps, tenant), mode: 'reply' };
    case 'who-revenue': {
      // The select carries the figure in its value; a page button in its id.
      const figure = parsed.figure ?? parseFigureName(String(req.values?.[0] ?? ''));
      if (!(memberFigures as readonly string[]).includes(figure)) return { answer: whoUnknown(), mode: 'reply' };
      const a = await revenueWhoAnswer(deps, tenant, parsed.period, figure as MemberFigure, parsed.page);
      return { answer: a, mode: parsed.figure === null ? 'reply' : 'update' };
    }
    case 'who-churn':
      return { answer: await churnWhoAnswer(deps, tenant), mode: 'reply' };
    case 'reach':
      // Discord and Slack open the message form on this id themselves; reaching here means they could not.
      return {
        answer: answer({
          title: 'The message form could not open',
          summary: 'Press **Reach out** again.',
          tone: 'info',
          visibility: 'ephemeral',
        }),
        mode: 'reply',
      };
    case 'who-risk': {
      const risk = parseRiskBucket(req.values?.[0]);
      return risk
        ? { answer: await churnBucketAnswer(deps, tenant, risk), mode: 'update' }
        : { answer: whoUnknown(), mode: 'reply' };
    }
  }
}
