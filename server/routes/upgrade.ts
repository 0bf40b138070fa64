// GET /upgrade/:token — the link behind every "upgrade" button (core/billing/upgrade-link.ts): checks the
// signed token, creates a Whop checkout of the tier's plan for that company and redirects to it (303). A bad or
// expired link is a 404; a company that uninstalled or is erasing gets nothing; an unsold tier explains how to
// ask the operator; Whop failing is a 503 to try again. Plain text answers, nothing about the company leaks.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { CheckoutUnavailable, TierNotForSale, createCheckoutUrl } from '../../core/billing/checkout.ts';
import { readUpgradeToken } from '../../core/billing/upgrade-link.ts';
import { isCompanyRemoved } from '../../core/lifecycle/company-state.ts';
import { companyById } from '../../core/companies/company.repository.ts';
import type { SharedDeps } from '../bot-deps.ts';

const text = (reply: FastifyReply, status: number, body: string) =>
  reply.status(status).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(`${body}\n`);

export const upgradeRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async (app, { shared }) => {
  app.get<{ Params: { token: string } }>('/upgrade/:token', async (req, reply) => {
    const read = readUpgradeToken(shared.config.PULSE_SECRET, req.params.token, shared.now());
    if (!read || (await isCompanyRemoved(shared.db, read.companyId)))
      return text(reply, 404, 'This upgrade link is not valid (or has expired). Run /pulse upgrade for a new one.');
    const company = await companyById(shared.db, read.companyId);
    try {
      const link = await createCheckoutUrl(shared.config, {
        pulseCompanyId: company.id,
        whopCompanyId: company.whopCompanyId,
        tier: read.tier,
      });
      req.log.info({ companyId: company.id, tier: read.tier, checkoutId: link.checkoutId }, 'upgrade checkout created');
      return reply.status(303).header('cache-control', 'no-store').redirect(link.url, 303);
    } catch (err) {
      if (err instanceof TierNotForSale)
        return text(
          reply,
          409,
          'This plan cannot be bought here yet: ask whoever runs Pulse for you to change your plan.',
        );
      if (err instanceof CheckoutUnavailable)
        return text(
          reply,
          503,
          'Whop could not open a checkout just now. Nothing was charged; please try again in a minute.',
        );
      throw err;
    }
  });
};
