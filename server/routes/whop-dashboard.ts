// GET /whop/dashboard/:companyId: Pulse's app view inside Whop's dashboard. Whop's proxy sends the viewer's
// `x-whop-user-token` (ES256, verified against Whop's JWKS, audience = WHOP_APP_ID); Pulse then asks Whop
// (app key) whether that user is an admin of :companyId. Admins get the overview, tier, upgrade links and
// the buttons that link Discord or Slack with a fresh install grant; everyone else a polite refusal and no
// data. Framed by Whop only (frame-ancestors); no script.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { USER_TOKEN_HEADER, verifyDashboardToken } from '../../core/linking/dashboard-token.ts';
import { installUrlWithGrant, signInstallGrant } from '../../core/linking/install-grant.ts';
import { findInstalledCompanyByWhopId } from '../../core/linking/installed-company.ts';
import { checkCompanyAdmin, whopCompanyIdPattern } from '../../core/linking/whop-admin.ts';
import { companyWorkspaceLinks } from '../../core/tenancy/index.ts';
import type { SharedDeps } from '../bot-deps.ts';
import { limitRequests } from '../link/rate-limit.ts';
import { dashboardReport, upgradeOffers } from '../link/dashboard-data.ts';
import { dashboardPage, dashboardRefusalPage, type dashboardRefusals } from '../link/dashboard-page.ts';
import { setDashboardHeaders } from '../link/layout.ts';
import { parseSort } from '../reports/table.ts';

export interface WhopDashboardRouteOptions {
  shared: SharedDeps;
  rateLimit?: { max: number; timeWindowMs: number };
}

export const whopDashboardRoutes: FastifyPluginAsync<WhopDashboardRouteOptions> = async (app, opts) => {
  const shared = opts.shared;
  const { config, db, now, log } = shared;
  app.addHook('onRequest', async (_req, reply) => setDashboardHeaders(reply));
  await limitRequests(app, { max: opts.rateLimit?.max ?? 120, timeWindowMs: opts.rateLimit?.timeWindowMs ?? 60_000 });

  const refuse = (reply: FastifyReply, kind: keyof typeof dashboardRefusals) => {
    const page = dashboardRefusalPage(kind);
    return reply.status(page.status).type('text/html; charset=utf-8').send(page.body);
  };

  app.get('/whop/dashboard/:companyId', async (req, reply) => {
    const header = req.headers[USER_TOKEN_HEADER];
    const whopUserId = await verifyDashboardToken(config, typeof header === 'string' ? header : undefined, now());
    if (!whopUserId) return refuse(reply, 'unauthenticated');
    const whopCompanyId = (req.params as { companyId: string }).companyId;
    if (!whopCompanyIdPattern.test(whopCompanyId)) return refuse(reply, 'not-admin');
    const admin = await checkCompanyAdmin(config, whopUserId, whopCompanyId);
    if (admin === 'unavailable') return refuse(reply, 'whop-unavailable');
    if (admin !== 'admin') {
      log.warn({ whopUserId, whopCompanyId }, 'whop dashboard refused: not an admin');
      return refuse(reply, 'not-admin');
    }
    const company = await findInstalledCompanyByWhopId(db, whopCompanyId);
    if (!company) return refuse(reply, 'not-installed');
    const q = req.query as Record<string, unknown>;
    const grant = () => signInstallGrant(config.PULSE_SECRET, { companyId: company.id, whopUserId }, now());
    const [report, links, upgrades] = await Promise.all([
      dashboardReport(shared, company.id, whopUserId, q.period),
      companyWorkspaceLinks(db, company.id),
      upgradeOffers(shared, company),
    ]);
    const install = {
      discord: config.DISCORD_APP_ID ? installUrlWithGrant(config.PUBLIC_URL, 'discord', grant()) : null,
      slack:
        config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET
          ? installUrlWithGrant(config.PUBLIC_URL, 'slack', grant())
          : null,
    };
    return reply
      .type('text/html; charset=utf-8')
      .send(
        dashboardPage({ company, links, install, upgrades, report: { ...report, sort: parseSort(q.sort, q.dir) } }),
      );
  });
};
