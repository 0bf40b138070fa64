// Pulse removed from a Slack workspace (app_uninstalled, or tokens_revoked taking the bot's token): its
// installation is deleted, so no token speaks for it any more, and the workspace is unlinked (core/tenancy), so
// digests and alerts stop at once and deliveries already claimed for it fail for good instead of posting. An
// org-wide install's row goes with its organization; workspaces of that organization are unlinked as their
// own events name them.
import type { Queryable } from '../../../core/db/queryable.ts';
import { deleteSlackInstallation, slackInstallationKey } from '../../../core/installations/index.ts';
import { unlinkWorkspace, type UnlinkedWorkspace } from '../../../core/tenancy/index.ts';

export interface SlackRemoval {
  installationDeleted: boolean;
  unlinked: UnlinkedWorkspace | null;
}

export async function forgetSlackWorkspace(
  db: Queryable,
  where: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall: boolean },
): Promise<SlackRemoval> {
  const teamId = where.teamId ?? null;
  const enterpriseId = where.enterpriseId ?? null;
  const key = where.isEnterpriseInstall
    ? enterpriseId
      ? slackInstallationKey({ teamId, enterpriseId, isEnterpriseInstall: true })
      : null
    : teamId
      ? slackInstallationKey({ teamId, enterpriseId, isEnterpriseInstall: false })
      : null;
  const deleted = key ? await deleteSlackInstallation(db, key) : null;
  const unlinked = teamId ? await unlinkWorkspace(db, 'slack', teamId) : null;
  return { installationDeleted: deleted !== null, unlinked };
}
