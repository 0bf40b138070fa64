// What the Whop dashboard view shows besides its header: the overview report (through a report link made for
// the viewing admin and reused while it has over an hour left, so chart images load from /r/ like on report
// pages) and the upgrade links (one Whop checkout per paid tier above the current one, when it is for sale).
import { canSell, createCheckoutUrl } from '../../core/billing/checkout.ts';
import { paidTiers, type PaidTier } from '../../core/billing/plans.ts';
import type { InstalledCompany } from '../../core/linking/installed-company.ts';
import { isPeriodName, type PeriodName } from '../../core/named-periods.ts';
import { buildReport } from '../../core/reports/report.service.ts';
import type { ReportJson } from '../../core/reports/report-json.ts';
import { reportLinkKey, signToken } from '../../core/reports/token.ts';
import type { SharedDeps } from '../bot-deps.ts';

const REUSE_MARGIN = '1 hour';

/** A live overview link of this viewer (created now if none has an hour left): its token and expiry. */
async function overviewLink(
  shared: SharedDeps,
  companyId: number,
  createdBy: string,
): Promise<{ token: string; tokenId: string; expiresAt: Date }> {
  const { rows } = await shared.db.query<{ token_id: string; expires_at: Date }>(
    `select token_id, expires_at from report_links
     where company_id = $1 and kind = 'overview' and created_by = $2 and revoked_at is null and params = '{}'::jsonb
       and expires_at > $3::timestamptz + interval '${REUSE_MARGIN}'
     order by expires_at desc limit 1`,
    [companyId, createdBy, shared.now()],
  );
  const found = rows[0];
  if (found) {
    const token = signToken(reportLinkKey(shared.config.PULSE_SECRET), {
      tokenId: found.token_id,
      companyId,
      kind: 'overview',
      expiresAt: found.expires_at,
    });
    return { token, tokenId: found.token_id, expiresAt: found.expires_at };
  }
  if (!shared.reports) throw new Error('report links are not configured');
  const made = await shared.reports.create({ companyId, kind: 'overview', createdBy, expiresInDays: 1 });
  return { token: new URL(made.url).pathname.replace(/^\/r\//, ''), tokenId: made.tokenId, expiresAt: made.expiresAt };
}

export interface DashboardReport {
  report: ReportJson;
  base: string;
}

export async function dashboardReport(
  shared: SharedDeps,
  companyId: number,
  whopUserId: string,
  period: unknown,
): Promise<DashboardReport> {
  const link = await overviewLink(shared, companyId, `whop:${whopUserId}`);
  const asked: PeriodName | undefined = isPeriodName(period) ? period : undefined;
  const report = await buildReport(shared.db, {
    companyId,
    kind: 'overview',
    params: {},
    expiresAt: link.expiresAt,
    period: asked,
    now: shared.now(),
  });
  return { report, base: `/r/${link.token}` };
}

export interface UpgradeOffer {
  tier: PaidTier;
  url: string | null;
}

/** One offer per paid tier above the company's; `url` null when Whop gave no checkout just now. */
export async function upgradeOffers(shared: SharedDeps, company: InstalledCompany): Promise<UpgradeOffer[]> {
  const above = paidTiers.slice(company.tier === 'pro' ? 1 : company.tier === 'enterprise' ? paidTiers.length : 0);
  const forSale = above.filter((tier) => canSell(shared.config, tier));
  return Promise.all(
    forSale.map(async (tier) => {
      const url = await createCheckoutUrl(
        shared.config,
        { pulseCompanyId: company.id, whopCompanyId: company.whopCompanyId, tier },
        { timeoutMs: 5_000 },
      ).then(
        (c) => c.url,
        () => null,
      );
      return { tier, url };
    }),
  );
}
