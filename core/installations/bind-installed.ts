// After Pulse is installed in a Discord server or Slack workspace: the install grant it carried (minted by the
// link page for a Whop admin of a company, core/linking) is redeemed once and the workspace bound to that
// company. Without a grant, or with one forged, expired or already used, Pulse stays installed but unlinked, and
// `/pulse setup` there sends the link page.
import type { Queryable } from '../db/queryable.ts';
import type { ChatPlatform } from '../db/entities/workspace-links.ts';
import { bindWorkspaceWithProof, redeemInstallGrant, type InstallGrant } from '../linking/install-grant.ts';
import { companyById } from '../companies/company.repository.ts';

export type { InstallGrant } from '../linking/install-grant.ts';

export type InstallBinding =
  | { linked: true; companyId: number; companyName: string; created: boolean }
  | {
      linked: false;
      reason: 'no-grant' | 'grant-invalid' | 'linked-to-another-company' | 'company-not-installed' | 'bad-workspace';
    };

/** The grant behind `token`, consumed; null when forged, expired or already used. */
export async function redeemGrant(
  db: Queryable,
  secret: string,
  token: string | undefined,
  now: Date,
): Promise<InstallGrant | null> {
  return token ? redeemInstallGrant(db, secret, token, now) : null;
}

/** Binds the workspace to the company of an already redeemed grant. */
export async function bindWithGrant(
  db: Queryable,
  grant: InstallGrant,
  where: { platform: ChatPlatform; externalId: string },
): Promise<InstallBinding> {
  const bound = await bindWorkspaceWithProof(db, {
    ...where,
    companyId: grant.companyId,
    linkedBy: `whop:${grant.whopUserId}`,
  });
  if (!bound.ok) return { linked: false, reason: bound.reason };
  const company = await companyById(db, grant.companyId);
  return { linked: true, companyId: grant.companyId, companyName: company.name, created: bound.created };
}

/** Redeems the grant and binds the workspace in one go (Slack: the grant comes back with the installation). */
export async function bindInstalledWorkspace(
  db: Queryable,
  secret: string,
  input: {
    platform: ChatPlatform;
    externalId: string;
    grant: string | undefined;
    now: Date;
  },
): Promise<InstallBinding> {
  if (!input.grant) return { linked: false, reason: 'no-grant' };
  const grant = await redeemGrant(db, secret, input.grant, input.now);
  if (!grant) return { linked: false, reason: 'grant-invalid' };
  return bindWithGrant(db, grant, input);
}
