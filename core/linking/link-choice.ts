// The link page's last step: the signed-in Whop user names the company. Pulse checks, in this order, that the
// link is still live and this is the browser that signed in, that the company installed Pulse, and that
// Whop (app key) says the user is an admin of it; then, in one transaction, marks the request used and binds
// the workspace. Any refusal binds nothing.
import { inTransaction } from '../db/transaction.ts';
import type { WorkspaceLinkRow } from '../tenancy/index.ts';
import { bindWorkspaceWithProof } from './bind-workspace.ts';
import { recordSetupChannel } from './setup-channels.repository.ts';
import { findInstalledCompanyByWhopId, type InstalledCompany } from './installed-company.ts';
import { markLinkRequestUsed } from './link-requests.repository.ts';
import { browserHash, openLink, refuse, type LinkFlowDeps, type LinkRefusal, type Refused } from './link-flow.ts';
import { checkCompanyAdmin, whopCompanyIdPattern } from './whop-admin.ts';

export interface Linked {
  ok: true;
  company: InstalledCompany;
  link: WorkspaceLinkRow;
  whopUserId: string;
}

class BindRefused extends Error {
  readonly refusal: LinkRefusal;
  constructor(refusal: LinkRefusal) {
    super(refusal);
    this.refusal = refusal;
  }
}

/** `biz_…` from what was typed: the id itself or a pasted Whop dashboard URL holding it. */
export function whopCompanyIdIn(text: string): string | null {
  const id = /biz_[A-Za-z0-9_]{1,60}/.exec(text.trim().slice(0, 500))?.[0] ?? null;
  return id && whopCompanyIdPattern.test(id) ? id : null;
}

export async function chooseCompany(
  deps: LinkFlowDeps,
  input: { token: string; browserId?: string; company: string },
): Promise<Linked | Refused> {
  const opened = await openLink(deps, input.token);
  if (!opened.ok) return opened;
  const r = opened.request;
  if (!input.browserId || r.browserHash !== browserHash(input.browserId)) return refuse('other-browser');
  if (!r.whopUserId) return refuse('not-signed-in');
  const whopCompanyId = whopCompanyIdIn(input.company);
  if (!whopCompanyId) return refuse('bad-company');
  const company = await findInstalledCompanyByWhopId(deps.db, whopCompanyId);
  if (!company) return refuse('not-installed');
  const admin = await checkCompanyAdmin(deps.config, r.whopUserId, whopCompanyId);
  if (admin === 'unavailable') return refuse('whop-unavailable');
  if (admin !== 'admin') return refuse('not-admin');
  const whopUserId = r.whopUserId;
  try {
    const link = await inTransaction(deps.db, async (tx) => {
      if (!(await markLinkRequestUsed(tx, r.id, deps.now(), company.id))) throw new BindRefused('used');
      const bound = await bindWorkspaceWithProof(tx, {
        platform: r.platform,
        externalId: r.externalId,
        companyId: company.id,
        linkedBy: r.requestedBy,
      });
      if (!bound.ok)
        throw new BindRefused(bound.reason === 'linked-to-another-company' ? 'linked-elsewhere' : 'not-installed');
      if (r.channelId)
        await recordSetupChannel(tx, {
          companyId: company.id,
          platform: r.platform,
          externalId: r.externalId,
          channelId: r.channelId,
          at: deps.now(),
        });
      return bound.link;
    });
    return { ok: true, company, link, whopUserId };
  } catch (err) {
    if (err instanceof BindRefused) return refuse(err.refusal);
    throw err;
  }
}
