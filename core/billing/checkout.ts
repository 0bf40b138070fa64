// Buying a tier: a checkout configuration of Pulse's own plan, created through Whop's API with the buying
// company in its metadata. Whop copies that metadata onto the membership the purchase creates, so the
// membership.activated webhook (and the nightly check) know which company paid.
import { APIError } from '@whop/sdk';
import type { Config } from '../config.ts';
import { PulseError } from '../errors.ts';
import { createWhopClient } from '../whop/client.ts';
import { planOfTier, type PaidTier } from './plans.ts';

export type CheckoutConfig = Pick<
  Config,
  'WHOP_API_KEY' | 'WHOP_API_BASE_URL' | 'PULSE_PLAN_PRO' | 'PULSE_PLAN_ENTERPRISE'
>;

/** The tier cannot be bought here: its plan (or the app key) is not configured. Tell the user to ask the operator. */
export class TierNotForSale extends PulseError {}
/** Whop did not give a checkout link (unreachable, refused): nothing was bought, try again later. */
export class CheckoutUnavailable extends PulseError {}

export interface CheckoutRequest {
  /** Pulse's id of the buying company. */
  pulseCompanyId: number;
  /** Its Whop id (biz_…). */
  whopCompanyId: string;
  tier: PaidTier;
  /** Where Whop sends the buyer afterwards (optional). */
  redirectUrl?: string;
}

export interface CheckoutLink {
  /** Whop's purchase URL. */
  url: string;
  /** The checkout configuration (ch_…). */
  checkoutId: string;
  planId: string;
}

/** The metadata every checkout carries; memberships created by it inherit it. */
export interface CheckoutMetadata {
  pulse_company_id: string;
  whop_company_id: string;
}

/** Whether the tier can be bought through Whop with this configuration. */
export function canSell(config: CheckoutConfig, tier: PaidTier): boolean {
  return Boolean(planOfTier(config, tier) && config.WHOP_API_KEY);
}

/** Creates a checkout configuration for the tier's plan and returns its purchase URL. */
export async function createCheckoutUrl(
  config: CheckoutConfig,
  req: CheckoutRequest,
  opts: { timeoutMs?: number } = {},
): Promise<CheckoutLink> {
  const planId = planOfTier(config, req.tier);
  if (!planId || !config.WHOP_API_KEY)
    throw new TierNotForSale(`the ${req.tier} plan is not for sale here yet: ask the Pulse operator to enable it`);
  const whop = createWhopClient({
    apiKey: config.WHOP_API_KEY,
    baseURL: config.WHOP_API_BASE_URL,
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  const metadata: CheckoutMetadata = {
    pulse_company_id: String(req.pulseCompanyId),
    whop_company_id: req.whopCompanyId,
  };
  try {
    const created = await whop.checkoutConfigurations.create({
      plan_id: planId,
      mode: 'payment',
      metadata,
      redirect_url: req.redirectUrl ?? null,
    });
    if (!created.purchase_url) throw new CheckoutUnavailable('Whop created the checkout without a purchase link');
    return { url: created.purchase_url, checkoutId: created.id, planId };
  } catch (err) {
    if (err instanceof PulseError) throw err;
    const status = err instanceof APIError ? ` (HTTP ${err.status ?? 'no response'})` : '';
    throw new CheckoutUnavailable(
      `Whop could not create a checkout just now${status}: nothing was charged, try again in a minute`,
    );
  }
}
