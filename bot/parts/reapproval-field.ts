// The line `/pulse status` shows while Whop refuses a read for a permission the creator has not approved:
// syncing is paused for this company until Pulse's permissions are approved again on Whop.
import { companyLifecycle } from '../../core/lifecycle/company-state.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import { data, type AnswerField } from '../answer.ts';
import type { BotDeps } from '../deps.ts';
import { ago } from './format.ts';

/** Whop's install page of the app, where a creator approves its permissions again. */
export function appInstallUrl(appId: string | undefined): string | undefined {
  return appId ? `https://whop.com/apps/${encodeURIComponent(appId)}/install` : undefined;
}

export async function reapprovalFields(
  db: Queryable,
  companyId: number,
  deps: Pick<BotDeps, 'config' | 'now'>,
): Promise<AnswerField[]> {
  const life = await companyLifecycle(db, companyId);
  if (life?.state !== 'needs-reapproval' || !life.needsReapprovalAt) return [];
  const where = appInstallUrl(deps.config.WHOP_APP_ID);
  return [
    {
      label: 'Whop access',
      value: [
        `Whop refused a read ${ago(life.needsReapprovalAt, deps.now())}: ${data(life.needsReapprovalReason ?? 'missing permission', 200)}.`,
        `Syncing is paused until the company owner approves Pulse's permissions again on Whop${where ? ` (${where})` : ''}; figures shown are from before.`,
      ].join('\n'),
    },
  ];
}
